using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MiniPg.Infrastructure.Messaging;

/// <summary>
/// Where Kafka is: the bootstrap servers the AppHost injects as <c>ConnectionStrings__kafka</c>, the convention of Aspire's
/// Kafka integration (which this machine does not serve). A service without it fails at start-up, naming the setting.
/// </summary>
public sealed class KafkaSettings
{
    public string BootstrapServers { get; set; } = string.Empty;

    /// <summary>
    /// A consumer that stores an offset only once the message's effect is durable (the caller calls <c>StoreOffset</c>);
    /// the client commits stored offsets on its own.
    /// </summary>
    /// <remarks>
    /// A consumer that could not leave its group (killed, or stopped after Kafka, as Aspire stops everything at once)
    /// holds its partitions until its session times out; 10 s instead of 45 s bounds that wait after a restart.
    /// </remarks>
    public ConsumerConfig StoredOffsetConsumer(string groupId) => new()
    {
        BootstrapServers = BootstrapServers,
        GroupId = groupId,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        EnableAutoCommit = true,
        EnableAutoOffsetStore = false,
        EnablePartitionEof = false,
        SocketNagleDisable = true,
        SessionTimeoutMs = 10_000,
    };

    internal static void Register(IServiceCollection services, string connectionName) =>
        services.AddOptions<KafkaSettings>()
            .Configure<IConfiguration>((settings, configuration) => settings.BootstrapServers = configuration.GetConnectionString(connectionName) ?? string.Empty)
            .Validate(
                settings => !string.IsNullOrWhiteSpace(settings.BootstrapServers),
                $"ConnectionStrings:{connectionName} is not set. Run the system with `dotnet run --project MiniPg.AppHost`, which injects it, or set ConnectionStrings__{connectionName}.")
            .ValidateOnStart();
}
