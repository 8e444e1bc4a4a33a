using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MiniPg.Infrastructure.Messaging;

public static class KafkaRegistration
{
    /// <summary>
    /// Kafka from <c>ConnectionStrings:kafka</c>, shaped like Aspire's Kafka integration: topics created at start-up,
    /// one shared idempotent producer (<c>acks=all</c>) logging through <see cref="ILogger"/>, and a readiness check that
    /// asks for metadata (it never produces to check health). Traces follow the records: the outbox relay and the
    /// Processor's consumer carry W3C <c>traceparent</c> headers.
    /// </summary>
    /// <param name="builder">The service's builder.</param>
    /// <param name="whenDown">
    /// What the readiness check reports while Kafka does not answer: <see cref="HealthStatus.Unhealthy"/> for a service
    /// that cannot work without it; <see cref="HealthStatus.Degraded"/> (still ready, <c>/health</c> answers 200) for one
    /// whose outbox keeps the events until Kafka is back.
    /// </param>
    public static IHostApplicationBuilder AddMiniPgKafka(this IHostApplicationBuilder builder, HealthStatus whenDown = HealthStatus.Unhealthy)
    {
        KafkaSettings.Register(builder.Services, ResourceNames.Kafka);
        builder.Services.AddHostedService<KafkaTopicsInitializer>();
        builder.Services.AddSingleton(services => new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = services.GetRequiredService<IOptions<KafkaSettings>>().Value.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,

            // Send at once: a record waiting 5 ms for company cost every payment 5 ms, and the relay hands over a whole
            // batch at a time anyway.
            LingerMs = 0,
            SocketNagleDisable = true,

            // Give up on a record after 15 s instead of librdkafka's 5 minutes: the outbox row stays unpublished and is
            // retried later, so a Kafka outage never loses an event and never stalls the relay for long.
            MessageTimeoutMs = 15_000,
        }).WithLogging(services.GetRequiredService<ILoggerFactory>()).Build());
        builder.Services.AddHealthChecks().AddCheck<KafkaHealthCheck>(ResourceNames.Kafka, whenDown);
        return builder;
    }
}
