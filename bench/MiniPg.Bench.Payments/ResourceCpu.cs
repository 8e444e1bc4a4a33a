using System.Diagnostics;
using MiniPg.Testing;

namespace MiniPg.Bench.Payments;

/// <summary>
/// CPU time of every process the AppHost started, by resource, and of this benchmark process, so a run's wall time can
/// be split into who was busy on the shared cores. The AppHost's processes are its live processes
/// (<see cref="AppHostProcess.LiveProcesses"/>); each is named by its command line. Aspire's own processes (the AppHost,
/// DCP and its monitors, the dashboard, the <c>dotnet run</c> wrappers DCP starts services with) share one group.
/// A process counts its own CPU and that of its children it has reaped, so a PostgreSQL backend that exits between two
/// readings still counts, under its parent.
/// </summary>
internal sealed class ResourceCpu(AppHostProcess appHost)
{
    public const string Api = "api";

    public const string Processor = "processor";

    public const string Acquirer = "acquirer";

    public const string Postgres = "postgres";

    public const string Kafka = "kafka";

    public const string Redis = "redis";

    public const string Settlement = "settlement";

    public const string Webhooks = "webhooks";

    public const string WebhookReceiver = "webhook-receiver";

    public const string Aspire = "aspire's own (AppHost, DCP, dashboard, dotnet run)";

    public const string LoadClient = "load client (this benchmark)";

    /// <summary>The system's own resources, in the order the CPU table lists them.</summary>
    public static readonly IReadOnlyList<string> MiniPg = [Api, Processor, Acquirer, Postgres, Kafka, Redis, Settlement, Webhooks, WebhookReceiver];

    private static readonly (string Marker, string Resource)[] Names =
    [
        ("postgres", Postgres),
        ("redis-server", Redis),
        ("kafka.Kafka", Kafka),
        ("/MiniPg.Api", Api),
        ("/MiniPg.Processor", Processor),
        ("/MiniPg.Settlement", Settlement),
        ("/MiniPg.Acquirer", Acquirer),
        ("/MiniPg.WebhookReceiver", WebhookReceiver),
        ("/MiniPg.Webhooks", Webhooks),
    ];

    public static ResourceCpu Locate(AppHostProcess appHost) => new(appHost);

    public IReadOnlyDictionary<string, TimeSpan> Read()
    {
        var times = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var pid in appHost.LiveProcesses())
        {
            if (ProcStat.TryRead(pid) is { } stat)
            {
                var resource = NameOf(Arguments(pid));
                times[resource] = times.GetValueOrDefault(resource) + ProcStat.OwnCpu(stat) + ProcStat.ReapedChildrenCpu(stat);
            }
        }

        using var self = Process.GetCurrentProcess();
        times[LoadClient] = self.TotalProcessorTime;
        return times;
    }

    /// <summary>The live processes named <paramref name="resource"/>: the service itself, never the <c>dotnet run</c> wrapper DCP started it with.</summary>
    public IReadOnlyList<int> ProcessesOf(string resource) =>
        [.. appHost.LiveProcesses().Where(pid => NameOf(Arguments(pid)) == resource).Order()];

    /// <summary>A <c>dotnet run</c> wrapper names the project too, so wrappers are recognised first.</summary>
    private static string NameOf(string[] arguments)
    {
        var commandLine = string.Join(' ', arguments);
        var dotnetRun = arguments.Length > 1 && Path.GetFileName(arguments[0]) == "dotnet" && arguments[1] == "run";
        return dotnetRun || commandLine.Contains("MiniPg.AppHost", StringComparison.Ordinal)
            ? Aspire
            : Names.FirstOrDefault(name => commandLine.Contains(name.Marker, StringComparison.Ordinal)).Resource ?? Aspire;
    }

    private static string[] Arguments(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
