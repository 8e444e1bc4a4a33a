using Microsoft.Extensions.Diagnostics.HealthChecks;
using MiniPg.Infrastructure.Messaging;
using MiniPg.Infrastructure.Persistence;
using MiniPg.Webhooks.Fanout;
using MiniPg.Webhooks.Sending;

namespace MiniPg.Webhooks;

/// <summary>
/// Webhooks: consumes <c>payment.completed</c>, <c>payment.failed</c> and <c>payment.cancelled</c>, creates one delivery
/// per event and subscribed endpoint, and sends each to the merchant's URL, signed, retried on a schedule of about a day.
/// </summary>
public sealed class Program
{
    private Program()
    {
    }

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.AddServiceDefaults();
        builder.AddMiniPgDatabase();
        // Sending needs PostgreSQL only: with Kafka down no new deliveries come in, but those already queued still go out.
        builder.AddMiniPgKafka(whenDown: HealthStatus.Degraded);
        builder.AddWebhookHttpClient();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<DeliverySignal>();
        builder.Services.AddSingleton<DeliveryTraces>();
        builder.Services.AddScoped<WebhookFanout>();
        builder.Services.AddHostedService<PaymentEventConsumer>();
        builder.Services.AddHostedService<WebhookSender>();

        var app = builder.Build();

        app.MapDefaultEndpoints();

        await app.RunAsync();
    }
}
