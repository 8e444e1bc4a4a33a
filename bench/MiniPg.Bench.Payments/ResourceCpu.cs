using System.Diagnostics;
using System.Globalization;

namespace MiniPg.Bench.Payments;

/// <summary>
/// CPU time of every process the AppHost started, by resource, and of this benchmark process, so a run's wall time can
/// be split into who was busy on the shared cores. The AppHost's processes are those that inherited its data folder in
/// their environment and their descendants; each is named by its command line. Aspire's own processes (the AppHost,
/// DCP and its monitors, the dashboard, the <c>dotnet run</c> wrappers DCP starts services with) share one line.
/// </summary>
internal sealed class ResourceCpu(string dataDirectory)
{
    private const string Aspire = "aspire (AppHost, DCP, dashboard, dotnet run)";

    private static readonly (string Marker, string Resource)[] Names =
    [
        ("postgres", "postgres"),
        ("redis-server", "redis"),
        ("kafka.Kafka", "kafka"),
        ("/MiniPg.Api", "api"),
        ("/MiniPg.Processor", "processor"),
        ("/MiniPg.Settlement", "settlement"),
        ("/MiniPg.Acquirer", "acquirer"),
    ];

    public static ResourceCpu Locate(string dataDirectory) => new(dataDirectory);

    public IReadOnlyDictionary<string, TimeSpan> Read()
    {
        var times = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var (pid, commandLine) in Family())
        {
            if (ProcStat.TryRead(pid) is { } stat)
            {
                var resource = NameOf(commandLine);
                times[resource] = times.GetValueOrDefault(resource) + ProcStat.OwnCpu(stat);
            }
        }

        using var self = Process.GetCurrentProcess();
        times["benchmark (load client)"] = self.TotalProcessorTime;
        return times;
    }

    /// <summary>"api 12.3 s, processor 9.8 s, ...": each one's CPU between two readings, busiest first.</summary>
    public static string Describe(IReadOnlyDictionary<string, TimeSpan> before, IReadOnlyDictionary<string, TimeSpan> after) =>
        string.Join(", ", after
            .Select(resource => (resource.Key, Used: resource.Value - before.GetValueOrDefault(resource.Key)))
            .OrderByDescending(resource => resource.Used)
            .Select(resource => string.Create(CultureInfo.InvariantCulture, $"{resource.Key} {resource.Used.TotalSeconds:F1} s")));

    /// <summary>A <c>dotnet run</c> wrapper names the project too, so wrappers are recognised first.</summary>
    private static string NameOf(string commandLine) =>
        commandLine.StartsWith("dotnet run", StringComparison.Ordinal) || commandLine.Contains("MiniPg.AppHost", StringComparison.Ordinal)
            ? Aspire
            : Names.FirstOrDefault(name => commandLine.Contains(name.Marker, StringComparison.Ordinal)).Resource ?? Aspire;

    private Dictionary<int, string> Family()
    {
        var marker = $"MINIPG_DATA_DIR={dataDirectory}";
        var parents = new Dictionary<int, int>();
        var family = new Dictionary<int, string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid) || ProcStat.TryRead(pid) is not { } stat)
            {
                continue;
            }

            parents[pid] = (int)stat[1];
            try
            {
                if (File.ReadAllText($"{directory}/environ").Split('\0').Contains(marker))
                {
                    family[pid] = CommandLine(pid);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours to read.
            }
        }

        for (var added = true; added;)
        {
            added = false;
            foreach (var (pid, _) in parents.Where(entry => family.ContainsKey(entry.Value) && !family.ContainsKey(entry.Key)))
            {
                family[pid] = CommandLine(pid);
                added = true;
            }
        }

        return family;
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
