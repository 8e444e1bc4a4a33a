using Microsoft.Extensions.Http.Resilience;
using MiniPg.WebhookReceiver.Receiving;
using MiniPg.WebhookReceiver.Registering;

namespace MiniPg.WebhookReceiver;

/// <summary>
/// The demo's merchant side: receives MiniPg's webhooks, verifies each signature, drops duplicates and logs one line
/// per event. <c>POST /register</c> makes it a merchant's endpoint; <c>GET /events</c> lists what it received.
/// </summary>
public sealed partial class Program
{
    private Program()
    {
    }

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.AddServiceDefaults();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddOptions<ReceiverOptions>()
            .BindConfiguration(ReceiverOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<KnownSecrets>();
        builder.Services.AddSingleton<WebhookInbox>();
        builder.Services.AddHttpClient<MerchantApiClient>(ResourceNames.Api, http => http.BaseAddress = new Uri($"http://{ResourceNames.Api}"));

        // A registration is a POST that creates an endpoint: retried after a lost answer, it would create a second one.
        builder.Services.Configure<HttpStandardResilienceOptions>($"{ResourceNames.Api}-standard", options => options.Retry.DisableForUnsafeHttpMethods());

        var app = builder.Build();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapDefaultEndpoints();
        app.MapReceivingEndpoints();
        app.MapRegisteringEndpoints();

        LogSecretsInMemory(app.Logger);
        await app.RunAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing secrets are kept in memory only: after a restart, POST /register again (the dashboard's \"Register with the demo merchant\")")]
    private static partial void LogSecretsInMemory(ILogger logger);
}
