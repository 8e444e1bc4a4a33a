using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MiniPg.Core.Messaging;

public static class KafkaRegistration
{
    /// <summary>Registers the Kafka bootstrap servers from <c>ConnectionStrings:kafka</c> and a readiness check.</summary>
    public static IHostApplicationBuilder AddMiniPgKafka(this IHostApplicationBuilder builder)
    {
        ConnectionStringOptions.Register(builder.Services, ResourceNames.Kafka);
        builder.Services.AddHealthChecks().AddCheck<KafkaHealthCheck>(ResourceNames.Kafka);
        return builder;
    }
}
