using System.Diagnostics;
using System.Globalization;

namespace MiniPg.Bench.Payments;

/// <summary>
/// CPU time of every process the AppHost started (found through its pid files; PostgreSQL with all its backends) and
/// of this benchmark process, so a run's wall time can be split into who was busy on the shared cores.
/// </summary>
internal sealed class ResourceCpu
{
    private readonly Dictionary<string, int> _pids;

    private ResourceCpu(Dictionary<string, int> pids) => _pids = pids;

    public static ResourceCpu Locate(string dataDirectory) => new(
        Directory.EnumerateFiles(dataDirectory, "*.pid").ToDictionary(
            file => Path.GetFileNameWithoutExtension(file),
            file => int.Parse(File.ReadLines(file).First(), CultureInfo.InvariantCulture),
            StringComparer.Ordinal));

    public IReadOnlyDictionary<string, TimeSpan> Read()
    {
        var times = _pids
            .Where(resource => ProcStat.TryRead(resource.Value) is not null)
            .ToDictionary(resource => resource.Key, resource => ProcStat.ProcessTree(resource.Value), StringComparer.Ordinal);
        using var self = Process.GetCurrentProcess();
        times["benchmark (load client)"] = self.TotalProcessorTime;
        return times;
    }

    /// <summary>"api 12.3 s, processor 9.8 s, ...": each one's CPU between two readings, busiest first.</summary>
    public static string Describe(IReadOnlyDictionary<string, TimeSpan> before, IReadOnlyDictionary<string, TimeSpan> after) =>
        string.Join(", ", after
            .Where(resource => before.ContainsKey(resource.Key))
            .Select(resource => (resource.Key, Used: resource.Value - before[resource.Key]))
            .OrderByDescending(resource => resource.Used)
            .Select(resource => string.Create(CultureInfo.InvariantCulture, $"{resource.Key} {resource.Used.TotalSeconds:F1} s")));
}
