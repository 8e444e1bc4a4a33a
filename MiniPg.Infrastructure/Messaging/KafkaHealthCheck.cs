using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MiniPg.Infrastructure.Messaging;

/// <summary>Ready when the cluster answers a metadata request. Never produces a message just to check health.</summary>
internal sealed class KafkaHealthCheck(IOptions<KafkaSettings> kafka, ILoggerFactory loggers) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.Run(() =>
        {
            var config = new AdminClientConfig { BootstrapServers = kafka.Value.BootstrapServers };
            using var admin = new AdminClientBuilder(config).WithLogging(loggers).Build();
            try
            {
                var metadata = admin.GetMetadata(Timeout);
                return metadata.Brokers.Count > 0
                    ? HealthCheckResult.Healthy($"{metadata.Brokers.Count} broker(s) answered.")
                    : new HealthCheckResult(context.Registration.FailureStatus, "The cluster reports no brokers.");
            }
            catch (KafkaException exception)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "Kafka does not answer a metadata request.", exception);
            }
        }, cancellationToken);
}
