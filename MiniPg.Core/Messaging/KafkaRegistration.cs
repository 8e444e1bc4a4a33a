using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MiniPg.Core.Messaging;

public static class KafkaRegistration
{
    /// <summary>
    /// Kafka from <c>ConnectionStrings:kafka</c>: topics created at start-up, one shared idempotent producer
    /// (<c>acks=all</c>), and a readiness check that asks for metadata (it never produces to check health).
    /// </summary>
    public static IHostApplicationBuilder AddMiniPgKafka(this IHostApplicationBuilder builder)
    {
        ConnectionStringOptions.Register(builder.Services, ResourceNames.Kafka);
        builder.Services.AddHostedService<KafkaTopicsInitializer>();
        builder.Services.AddSingleton(services => new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = ConnectionStringOptions.Get(services, ResourceNames.Kafka),
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,

            // Give up on a record after 15 s instead of librdkafka's 5 minutes: the outbox row stays unpublished and is
            // retried later, so a Kafka outage never loses an event and never stalls the relay for long.
            MessageTimeoutMs = 15_000,
        }).WithLogging(services.GetRequiredService<ILoggerFactory>()).Build());
        builder.Services.AddHealthChecks().AddCheck<KafkaHealthCheck>(ResourceNames.Kafka);
        return builder;
    }
}
