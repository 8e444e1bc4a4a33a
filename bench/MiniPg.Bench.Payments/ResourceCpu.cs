using System.Diagnostics;
using System.Globalization;
using MiniPg.Testing;

namespace MiniPg.Bench.Payments;

/// <summary>
/// CPU time of every process the AppHost started, by resource, and of this benchmark process, so a run's wall time can
/// be split into who was busy on the shared cores. The AppHost's processes are its live processes
/// (<see cref="AppHostProcess.LiveProcesses"/>); each is named by its command line. Aspire's own processes (the AppHost,
/// DCP and its monitors, the dashboard, the <c>dotnet run</c> wrappers DCP starts services with) share one line.
/// </summary>
internal sealed class ResourceCpu(AppHostProcess appHost)
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

    public static ResourceCpu Locate(AppHostProcess appHost) => new(appHost);

    public IReadOnlyDictionary<string, TimeSpan> Read()
    {
        var times = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var pid in appHost.LiveProcesses())
        {
            if (ProcStat.TryRead(pid) is { } stat)
            {
                var resource = NameOf(CommandLine(pid));
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
