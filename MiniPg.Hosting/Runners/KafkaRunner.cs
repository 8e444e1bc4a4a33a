using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;

namespace MiniPg.Hosting;

/// <summary>
/// A single-node KRaft broker from KAFKA_HOME: the template configuration copied into the data folder with our own
/// log.dirs and ports, formatted once, then <c>kafka-server-start.sh</c> in the foreground (it execs the JVM).
/// </summary>
internal sealed class KafkaRunner(KafkaServerResource kafka, RunnerContext context) : ProcessRunner(kafka, context)
{
    private const string DefaultHeapOptions = "-Xms256m -Xmx512m";

    private string KafkaDirectory => Path.Combine(Context.Settings.DataDirectory, "kafka");

    private string PropertiesFile => Path.Combine(KafkaDirectory, "server.properties");

    private string LogsDirectory => Path.Combine(KafkaDirectory, "logs");

    private string KafkaHome => Context.Settings.KafkaHome
        ?? throw new DistributedApplicationException("Apache Kafka not found: set KAFKA_HOME to an Apache Kafka 4.x distribution");

    private string FreshStartRemedy => $"Stop that process, or delete '{KafkaDirectory}' for a fresh Kafka (its topics and records are lost).";

    public override string? Endpoint => kafka.Port is { } port ? string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}") : null;

    public override void AllocatePorts()
    {
        if (kafka.Port is not null)
        {
            return;
        }

        Directory.CreateDirectory(KafkaDirectory);
        if (File.Exists(PropertiesFile))
        {
            (kafka.Port, kafka.ControllerPort) = KafkaServerProperties.ReadPorts(PropertiesFile)
                ?? throw new DistributedApplicationException($"{Resource.Name}: no PLAINTEXT and CONTROLLER ports in the listeners of '{PropertiesFile}'. Delete '{KafkaDirectory}' for a fresh Kafka.");
            return;
        }

        if (File.Exists(Path.Combine(LogsDirectory, "meta.properties")))
        {
            throw new DistributedApplicationException(
                $"{Resource.Name}: '{LogsDirectory}' is formatted but '{PropertiesFile}', which holds its controller port, is gone. Delete '{KafkaDirectory}' for a fresh Kafka.");
        }

        var port = FreePort.Pick();
        var controllerPort = FreePort.Pick();
        while (controllerPort == port)
        {
            controllerPort = FreePort.Pick();
        }

        KafkaServerProperties.Write(Path.Combine(KafkaHome, "config", "server.properties"), PropertiesFile, LogsDirectory, port, controllerPort);
        (kafka.Port, kafka.ControllerPort) = (port, controllerPort);
    }

    protected override async Task<ProcessSpec> PrepareAsync(CancellationToken cancellationToken)
    {
        FreePort.EnsureFree(kafka.Port!.Value, Resource.Name, FreshStartRemedy);
        FreePort.EnsureFree(kafka.ControllerPort!.Value, Resource.Name, FreshStartRemedy);
        if (!File.Exists(Path.Combine(LogsDirectory, "meta.properties")))
        {
            await FormatAsync(cancellationToken).ConfigureAwait(false);
        }

        var environment = new Dictionary<string, string?>
        {
            ["KAFKA_HEAP_OPTS"] = Environment.GetEnvironmentVariable("KAFKA_HEAP_OPTS") is { Length: > 0 } heap ? heap : DefaultHeapOptions,
        };
        return new ProcessSpec(Path.Combine(KafkaHome, "bin", "kafka-server-start.sh"), [PropertiesFile], KafkaDirectory, environment);
    }

    protected override async Task ProbeHealthAsync(CancellationToken cancellationToken)
    {
        // A plain connect first: it fails in microseconds while the JVM boots, without librdkafka's retry noise.
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(IPAddress.Loopback, kafka.Port!.Value, cancellationToken).ConfigureAwait(false);
        }

        var config = new AdminClientConfig { BootstrapServers = Endpoint, SocketTimeoutMs = 3000 };
        using var admin = new AdminClientBuilder(config)
            .SetLogHandler((_, message) => HostingLog.ChildOutput(Context.Logger, Resource.Name, message.Message))
            .SetErrorHandler((_, error) => HostingLog.ChildOutput(Context.Logger, Resource.Name, error.Reason))
            .Build();
        var metadata = await Task.Run(() => admin.GetMetadata(TimeSpan.FromSeconds(3)), cancellationToken).ConfigureAwait(false);
        if (metadata.Brokers.Count == 0)
        {
            throw new ResourceNotReadyException($"{Resource.Name} answered without a broker.");
        }
    }

    private async Task FormatAsync(CancellationToken cancellationToken)
    {
        var storage = Path.Combine(KafkaHome, "bin", "kafka-storage.sh");
        var noEnvironment = new Dictionary<string, string?>();
        var uuidOutput = await Tool.RunCheckedAsync(Resource.Name, new ProcessSpec(storage, ["random-uuid"], KafkaDirectory, noEnvironment), Log, cancellationToken)
            .ConfigureAwait(false);
        var clusterId = uuidOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
        await Tool.RunCheckedAsync(
            Resource.Name,
            new ProcessSpec(storage, ["format", "-t", clusterId, "-c", PropertiesFile, "--standalone"], KafkaDirectory, noEnvironment),
            Log,
            cancellationToken).ConfigureAwait(false);
    }
}
