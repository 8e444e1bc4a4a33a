using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MiniPg.AppHost.Infrastructure.Kafka;

/// <summary>Healthy when the broker answers a metadata request; it never produces a message to find out.</summary>
internal static class KafkaHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static async Task<HealthCheckResult> CheckAsync(IResourceWithConnectionString kafka, CancellationToken cancellationToken)
    {
        var config = new AdminClientConfig { BootstrapServers = await kafka.ConnectionStringExpression.GetValueAsync(cancellationToken), SocketTimeoutMs = 3_000 };

        // librdkafka's own log lines (connection refused while the JVM boots) would otherwise go to standard error.
        using var admin = new AdminClientBuilder(config).SetLogHandler((_, _) => { }).SetErrorHandler((_, _) => { }).Build();
        var metadata = await Task.Run(() => admin.GetMetadata(Timeout), cancellationToken);
        return metadata.Brokers.Count > 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The broker answered without a broker list.");
    }
}
