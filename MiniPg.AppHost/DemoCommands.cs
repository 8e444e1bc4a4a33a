using System.Net.Http.Headers;
using System.Net.Http.Json;
using MiniPg.Domain.Calendar;
using MiniPg.Domain.Merchants;

namespace MiniPg.AppHost;

/// <summary>
/// Buttons in the dashboard that drive the demo, each an HTTP call to the service's own interface: settle today,
/// replay the dead letters, switch the mock acquirer's chaos on and off, and register the demo webhook receiver.
/// </summary>
public static class DemoCommands
{
    public const string SettleToday = "settle-today";
    public const string ReplayDeadLetters = "replay-dead-letters";
    public const string ChaosOn = "chaos-on";
    public const string ChaosOff = "chaos-off";
    public const string RegisterWithDemoMerchant = "register-with-demo-merchant";

    /// <summary>What "chaos on" does to the acquirer: half of all approvals answer 503, and every call takes 200 ms.</summary>
    public static readonly object Chaos = new { latencyMs = 200, failureRatePercent = 50 };

    public static IResourceBuilder<ProjectResource> WithSettleTodayCommand(this IResourceBuilder<ProjectResource> settlement, IResourceBuilder<ParameterResource> operatorKey) =>
        settlement.WithHttpCommand("/settlement-runs", "Settle today", commandName: SettleToday, commandOptions: new()
        {
            Method = HttpMethod.Post,
            Description = "Settles today's KST business day for every merchant (allowed for an open day in Development only).",
            IconName = "Money",
            PrepareRequest = async context =>
            {
                await AuthorizeAsync(context, operatorKey);
                context.Request.Content = JsonContent.Create(new { businessDate = BusinessCalendar.KstDateOf(TimeProvider.System.GetUtcNow()) });
            },
            ResultMode = HttpCommandResultMode.Json,
        });

    public static IResourceBuilder<ProjectResource> WithReplayDeadLettersCommand(this IResourceBuilder<ProjectResource> processor, IResourceBuilder<ParameterResource> operatorKey) =>
        processor.WithHttpCommand("/dead-letters/replay", "Replay dead letters", commandName: ReplayDeadLetters, commandOptions: new()
        {
            Method = HttpMethod.Post,
            Description = "Sends every request waiting in payment.requested.dlt back to be processed again.",
            IconName = "ArrowRepeatAll",
            PrepareRequest = context => AuthorizeAsync(context, operatorKey),
            ResultMode = HttpCommandResultMode.Json,
        });

    /// <summary>The acquirer maps its chaos endpoints in Development only (ADR 23); elsewhere these commands answer 404.</summary>
    public static IResourceBuilder<ProjectResource> WithChaosCommands(this IResourceBuilder<ProjectResource> acquirer, IResourceBuilder<ParameterResource> acquirerKey) => acquirer
        .WithHttpCommand("/v1/chaos", "Chaos on", commandName: ChaosOn, commandOptions: new()
        {
            Method = HttpMethod.Put,
            Description = "Half of all approvals answer 503 and every call takes 200 ms: watch retries, inquiries and net cancellations.",
            IconName = "Flash",
            PrepareRequest = async context =>
            {
                await AuthorizeAsync(context, acquirerKey);
                context.Request.Content = JsonContent.Create(Chaos);
            },
            ResultMode = HttpCommandResultMode.Json,
        })
        .WithHttpCommand("/v1/chaos", "Chaos off", commandName: ChaosOff, commandOptions: new()
        {
            Method = HttpMethod.Delete,
            Description = "Back to the configured latency and failure rate.",
            IconName = "FlashOff",
            PrepareRequest = context => AuthorizeAsync(context, acquirerKey),
            ResultMode = HttpCommandResultMode.Json,
        });

    /// <summary>
    /// The receiver registers itself with the Api as Demo Merchant 1, whose key this is (the migrations seed the demo
    /// merchants in Development only), under the address its endpoint really has: 5084 under <c>dotnet run</c>, another
    /// port where the model's ports are randomized (the tests).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithRegisterWithDemoMerchantCommand(this IResourceBuilder<ProjectResource> receiver) =>
        receiver.WithEnvironment("WebhookReceiver__Url", ReferenceExpression.Create($"{receiver.GetEndpoint("http")}/webhooks"))
        .WithHttpCommand("/register", "Register with the demo merchant", commandName: RegisterWithDemoMerchant, commandOptions: new()
        {
            Method = HttpMethod.Post,
            Description = "Makes the receiver a webhook endpoint of Demo Merchant 1: that merchant's payment events then arrive here, verified.",
            IconName = "PlugConnected",
            PrepareRequest = context =>
            {
                context.Request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DemoMerchants.All[0].ApiKey);
                return Task.CompletedTask;
            },
            ResultMode = HttpCommandResultMode.Json,
        });

    private static async Task AuthorizeAsync(HttpCommandRequestContext context, IResourceBuilder<ParameterResource> key) =>
        context.Request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await key.Resource.GetValueAsync(context.CancellationToken));
}
