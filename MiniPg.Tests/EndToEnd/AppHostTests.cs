extern alias AppHost;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppHost::MiniPg.AppHost;
using MiniPg.Domain.Calendar;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.EndToEnd;

/// <summary>
/// The README's promise, end to end, on the AppHost's own model: the whole system comes up from an empty data folder,
/// the README's curl creates and replays a payment as demo merchant 1, each test card reaches its documented state
/// through the real Processor and acquirer processes, the dashboard's commands work, and a second run on the same data
/// folder still serves the earlier payments.
/// </summary>
[Collection(nameof(EndToEnd))]
public sealed class AppHostTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"minipg-e2e-{Guid.NewGuid():N}")).FullName;

    [Fact]
    public async Task The_apphost_runs_the_system_a_merchant_pays_through_the_commands_work_and_a_restart_keeps_the_data()
    {
        Uri paid;
        string paidBody;
        await using (var system = await WholeSystem.StartAsync(_dataDirectory))
        {
            using var api = system.Client(ResourceNames.Api, "sk_test_demo_merchant_1");
            var key = $"e2e-{Guid.NewGuid():N}";
            using var first = await api.PostAsync(PaymentRequests.Valid(15_000, "order-e2e"), key);
            using var replay = await api.PostAsync(PaymentRequests.Valid(15_000, "order-e2e"), key);

            Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, replay.StatusCode));
            Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
            Assert.Equal(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await replay.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            paid = first.Headers.Location!;
            Assert.Equal("APPROVED", (await api.WaitUntilSettledAsync(paid)).Status());

            Assert.True((await system.ExecuteCommandAsync(ResourceNames.WebhookReceiver, DemoCommands.RegisterWithDemoMerchant)).Success);
            using var receiver = system.Client(ResourceNames.WebhookReceiver);
            var cardPayments = await AssertEachTestCardReachesItsStateAndItsWebhookArrivesAsync(api, receiver);
            await AssertTheListTimelineAndKeyEndpointsAnswerAsDocumentedAsync(api, cardPayments);
            await AssertSettleTodayGivesMerchantTwoTheTossFiguresAsync(system);
            await AssertChaosCanBeSwitchedOnAndOffAsync(system);
            await AssertTheAcquirerServesOnlyItsKeyHolderAsync(system);
            await AssertTheReconcileVerbFindsTheAcquirerThroughTheAppHostsFileAsync();
            Assert.True((await system.ExecuteCommandAsync(ResourceNames.Processor, DemoCommands.ReplayDeadLetters)).Success);
            paidBody = await api.GetStringAsync(paid, TestContext.Current.CancellationToken);
        }

        await using (var restarted = await WholeSystem.StartAsync(_dataDirectory))
        {
            using var api = restarted.Client(ResourceNames.Api, "sk_test_demo_merchant_1");

            Assert.Equal(paidBody, await api.GetStringAsync(paid, TestContext.Current.CancellationToken));
        }
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    /// <summary>
    /// Issue 12's promise: with the demo receiver registered through its dashboard command, each test card's outcome
    /// reaches the receiver, which lists only events whose signature it verified, once each.
    /// </summary>
    private static async Task<Dictionary<string, (Uri Location, string Key)>> AssertEachTestCardReachesItsStateAndItsWebhookArrivesAsync(HttpClient api, HttpClient receiver)
    {
        var expectations = new Dictionary<string, string>
        {
            [TestCards.Approved] = "APPROVED",
            [TestCards.Declined] = "FAILED",
            [TestCards.InsufficientFunds] = "FAILED",
            [TestCards.TransientFailureThenApproved] = "APPROVED",
            [TestCards.TimeoutButApproved] = "APPROVED",
        };
        var payments = new Dictionary<string, (Uri Location, string Key)>();
        foreach (var (card, status) in expectations)
        {
            var key = $"e2e-{card}-{Guid.NewGuid():N}";
            using var created = await api.PostAsync(PaymentRequests.Valid(34_000, $"e2e-{card}", card), key);
            var payment = await api.WaitUntilSettledAsync(created.Headers.Location!);
            Assert.Equal(status, payment.Status());
            payments[card] = (created.Headers.Location!, key);
        }

        foreach (var (card, status) in expectations)
        {
            var paymentId = payments[card].Location.OriginalString.Split('/')[^1];
            var received = await WaitForWebhookAsync(receiver, paymentId);
            Assert.Equal(
                (status == "APPROVED" ? "payment.completed" : "payment.failed", status, 1),
                (received.GetProperty("type").GetString(), received.GetProperty("status").GetString(), received.GetProperty("received").GetInt32()));
        }

        return payments;
    }

    private static async Task<JsonElement> WaitForWebhookAsync(HttpClient receiver, string paymentId)
    {
        for (var tries = 0; tries < 120; tries++)
        {
            var events = await receiver.GetFromJsonAsync<JsonElement>("/events", TestContext.Current.CancellationToken);
            foreach (var received in events.GetProperty("data").EnumerateArray())
            {
                if (received.GetProperty("paymentId").GetString() == paymentId)
                {
                    return received;
                }
            }

            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"The demo receiver never listed a verified webhook for payment {paymentId}.");
        return default;
    }

    /// <summary>The list, the timeline and the key endpoints, read as a merchant reads them after paying with each test card.</summary>
    private static async Task AssertTheListTimelineAndKeyEndpointsAnswerAsDocumentedAsync(HttpClient api, Dictionary<string, (Uri Location, string Key)> payments)
    {
        var ct = TestContext.Current.CancellationToken;
        var failed = await api.GetFromJsonAsync<JsonElement>("/api/v1/payments?status=FAILED&limit=100", ct);
        var failedIds = failed.GetProperty("data").EnumerateArray().Select(payment => payment.GetProperty("id").GetString()).ToHashSet();
        Assert.Contains(payments[TestCards.Declined].Location.OriginalString.Split('/')[^1], failedIds);
        Assert.DoesNotContain(payments[TestCards.Approved].Location.OriginalString.Split('/')[^1], failedIds);

        var timeline = await api.GetFromJsonAsync<JsonElement>($"{payments[TestCards.TimeoutButApproved].Location}/timeline", ct);
        var types = timeline.GetProperty("entries").EnumerateArray().Select(entry => entry.GetProperty("type").GetString()).ToList();
        Assert.Equal(["requested", "acquirer.approve"], types.Take(2));
        Assert.Contains("acquirer.inquire", types);
        Assert.Contains("approved", types);
        Assert.Contains("webhook.delivery", types);

        var key = await api.GetFromJsonAsync<JsonElement>($"/api/v1/idempotency-keys/{payments[TestCards.Approved].Key}", ct);
        Assert.Equal(("completed", 202, payments[TestCards.Approved].Location.ToString()),
            (key.GetProperty("state").GetString(), key.GetProperty("response").GetProperty("status").GetInt32(), key.GetProperty("resource").GetString()));
    }

    /// <summary>The settlement issue's promise, through the dashboard's "Settle today": merchant 2's single 34,000-won payment settles to 860 fee, 78 VAT, 33,140 net.</summary>
    private static async Task AssertSettleTodayGivesMerchantTwoTheTossFiguresAsync(WholeSystem system)
    {
        using var merchantTwo = system.Client(ResourceNames.Api, "sk_test_demo_merchant_2");
        using var created = await merchantTwo.PostAsync(PaymentRequests.Valid(34_000, "toss-example"), $"toss-{Guid.NewGuid():N}");
        Assert.Equal("APPROVED", (await merchantTwo.WaitUntilSettledAsync(created.Headers.Location!)).Status());
        var today = BusinessCalendar.KstDateOf(TimeProvider.System.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var settled = await system.ExecuteCommandAsync(ResourceNames.Settlement, DemoCommands.SettleToday);
        var settledAgain = await system.ExecuteCommandAsync(ResourceNames.Settlement, DemoCommands.SettleToday);

        Assert.True(settled.Success, settled.Message);
        Assert.True(settledAgain.Success, settledAgain.Message);
        var line = Assert.Single(await merchantTwo.GetFromJsonAsync<List<JsonElement>>($"/api/v1/settlements?date={today}", TestContext.Current.CancellationToken) ?? []);
        Assert.Equal((34_000L, 860L, 78L, 33_140L, 1), (line.GetProperty("totalAmount").GetInt64(), line.GetProperty("feeAmount").GetInt64(),
            line.GetProperty("feeVat").GetInt64(), line.GetProperty("netAmount").GetInt64(), line.GetProperty("paymentCount").GetInt32()));
        Assert.Equal("SETTLED", (await merchantTwo.GetFromJsonAsync<JsonElement>(created.Headers.Location, TestContext.Current.CancellationToken)).Status());
        Assert.Contains("TOTAL", await merchantTwo.GetStringAsync($"/api/v1/settlements/{today}/report.csv", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    /// <summary>The acquirer is another company: its contract answers MiniPg's key only, its health anyone.</summary>
    private static async Task AssertTheAcquirerServesOnlyItsKeyHolderAsync(WholeSystem system)
    {
        using var anonymous = system.Client(ResourceNames.Acquirer);

        using var transactions = await anonymous.GetAsync("/v1/transactions?date=2026-11-25", TestContext.Current.CancellationToken);
        using var chaos = await anonymous.PutAsJsonAsync("/v1/chaos", DemoCommands.Chaos, TestContext.Current.CancellationToken);
        using var health = await anonymous.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK), (transactions.StatusCode, chaos.StatusCode, health.StatusCode));
    }

    /// <summary>
    /// The operator's <c>reconcile</c> verb beside the AppHost reads the file it writes into its data folder: the
    /// connection strings, and, once the acquirer is ready, its address and MiniPg's key to it.
    /// </summary>
    private async Task AssertTheReconcileVerbFindsTheAcquirerThroughTheAppHostsFileAsync()
    {
        var file = JsonSerializer.Deserialize<JsonElement>(await File.ReadAllTextAsync(Path.Combine(_dataDirectory, "connection-strings.json"), TestContext.Current.CancellationToken));
        var today = BusinessCalendar.KstDateOf(TimeProvider.System.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        List<string> args = ["reconcile", "--date", today];
        foreach (var connectionString in file.GetProperty("ConnectionStrings").EnumerateObject())
        {
            args.AddRange([$"--ConnectionStrings:{connectionString.Name}", connectionString.Value.GetString()!]);
        }

        args.AddRange([
            $"--services:{ResourceNames.Acquirer}:http:0", file.GetProperty("services").GetProperty(ResourceNames.Acquirer).GetProperty("http")[0].GetString()!,
            "--Acquirer:Key", file.GetProperty("Acquirer").GetProperty("Key").GetString()!]);

        Assert.Equal(0, await MiniPg.Settlement.Commands.OperatorCommands.RunAsync([.. args]));
    }

    private static async Task AssertChaosCanBeSwitchedOnAndOffAsync(WholeSystem system)
    {
        using var acquirer = system.Client(ResourceNames.Acquirer, await system.ParameterAsync(ResourceNames.AcquirerKey));
        var configured = await acquirer.GetFromJsonAsync<JsonElement>("/v1/chaos", TestContext.Current.CancellationToken);

        Assert.True((await system.ExecuteCommandAsync(ResourceNames.Acquirer, DemoCommands.ChaosOn)).Success);
        var on = await acquirer.GetFromJsonAsync<JsonElement>("/v1/chaos", TestContext.Current.CancellationToken);
        Assert.True((await system.ExecuteCommandAsync(ResourceNames.Acquirer, DemoCommands.ChaosOff)).Success);
        var off = await acquirer.GetFromJsonAsync<JsonElement>("/v1/chaos", TestContext.Current.CancellationToken);

        Assert.Equal((200, 50), (on.GetProperty("latencyMs").GetInt32(), on.GetProperty("failureRatePercent").GetInt32()));
        Assert.Equal(configured.GetRawText(), off.GetRawText());
    }
}
