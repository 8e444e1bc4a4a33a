using System.Globalization;

namespace MiniPg.Hosting;

/// <summary>A single-node KRaft Kafka broker (broker and controller in one JVM) from <c>KAFKA_HOME</c>.</summary>
public sealed class KafkaServerResource : Resource, IResourceWithConnectionString
{
    internal KafkaServerResource(string name)
        : base(name)
    {
    }

    public override string TypeName => "Kafka";

    /// <summary>The PLAINTEXT (client) port.</summary>
    internal int? Port { get; set; }

    /// <summary>The KRaft CONTROLLER port; the voter record remembers it, so it never changes for a data folder.</summary>
    internal int? ControllerPort { get; set; }

    /// <summary>The bootstrap servers: <c>127.0.0.1:port</c>.</summary>
    public ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Port is null ? null : string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}"));
}
