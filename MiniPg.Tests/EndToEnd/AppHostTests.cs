using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MiniPg.Tests.Infrastructure;
using MiniPg.Tests.Pipeline;

namespace MiniPg.Tests.EndToEnd;

/// <summary>
/// The README's promise, end to end: the AppHost brings the whole system up from an empty data folder, the README's
/// curl creates and replays a payment as demo merchant 1, each test card reaches its documented state through the
/// real Processor and acquirer processes, and stopping the AppHost leaves no process behind.
/// </summary>
public sealed class AppHostTests
{
    private static readonly Uri Api = new("http://localhost:5080");

    [Fact]
    public async Task The_apphost_runs_the_system_a_merchant_can_pay_through_and_stops_cleanly()
    {
        await using var appHost = AppHostProcess.Start();
        using var http = new HttpClient { BaseAddress = Api };
        await WaitUntilHealthyAsync(http, appHost);
        var children = appHost.LiveChildren();
        Assert.True(children.Count >= 6, $"expected postgres, redis, kafka and three services running; output:{Environment.NewLine}{appHost.Output}");

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk_test_demo_merchant_1");
        var key = $"e2e-{Guid.NewGuid():N}";
        using var first = await http.PostAsync(PaymentRequests.Valid(15_000, "order-e2e"), key);
        using var replay = await http.PostAsync(PaymentRequests.Valid(15_000, "order-e2e"), key);
        using var read = await http.GetAsync(first.Headers.Location, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.OK), (first.StatusCode, replay.StatusCode, read.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await replay.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await AssertEachTestCardReachesItsStateAsync(http);
        await AssertSettlingTodayGivesMerchantTwoTheTossFiguresAsync();

        var exitCode = await appHost.StopAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain(children, AppHostProcess.IsAlive);
    }

    private static async Task AssertEachTestCardReachesItsStateAsync(HttpClient http)
    {
        var expectations = new Dictionary<string, string>
        {
            [TestCards.Approved] = "APPROVED",
            [TestCards.Declined] = "FAILED",
            [TestCards.InsufficientFunds] = "FAILED",
            [TestCards.TransientFailureThenApproved] = "APPROVED",
            [TestCards.TimeoutButApproved] = "APPROVED",
        };
        foreach (var (card, status) in expectations)
        {
            using var created = await http.PostAsync(PaymentRequests.Valid(34_000, $"e2e-{card}", card), $"e2e-{card}-{Guid.NewGuid():N}");
            var payment = await http.WaitUntilSettledAsync(created.Headers.Location!);
            Assert.Equal(status, payment.Status());
        }
    }

    /// <summary>The settlement issue's promise: merchant 2's single 34,000-won payment settles to 860 fee, 78 VAT, 33,140 net.</summary>
    private static async Task AssertSettlingTodayGivesMerchantTwoTheTossFiguresAsync()
    {
        using var merchantTwo = new HttpClient { BaseAddress = Api };
        merchantTwo.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk_test_demo_merchant_2");
        using var created = await merchantTwo.PostAsync(PaymentRequests.Valid(34_000, "toss-example"), $"toss-{Guid.NewGuid():N}");
        Assert.Equal("APPROVED", (await merchantTwo.WaitUntilSettledAsync(created.Headers.Location!)).Status());
        using var settlementService = new HttpClient { BaseAddress = new Uri("http://localhost:5082") };
        settlementService.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk_test_operator");
        var today = MiniPg.Core.Settlement.BusinessCalendar.KstDateOf(TimeProvider.System.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var run = await settlementService.PostAsJsonAsync("/settlement-runs", new { businessDate = today }, TestContext.Current.CancellationToken);
        using var rerun = await settlementService.PostAsJsonAsync("/settlement-runs", new { businessDate = today }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Equal(await run.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await rerun.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var line = Assert.Single(await merchantTwo.GetFromJsonAsync<List<JsonElement>>($"/api/v1/settlements?date={today}", TestContext.Current.CancellationToken) ?? []);
        Assert.Equal((34_000L, 860L, 78L, 33_140L, 1), (line.GetProperty("totalAmount").GetInt64(), line.GetProperty("feeAmount").GetInt64(),
            line.GetProperty("feeVat").GetInt64(), line.GetProperty("netAmount").GetInt64(), line.GetProperty("paymentCount").GetInt32()));
        Assert.Equal("SETTLED", (await merchantTwo.GetFromJsonAsync<JsonElement>(created.Headers.Location, TestContext.Current.CancellationToken)).Status());
        Assert.Contains("TOTAL", await merchantTwo.GetStringAsync($"/api/v1/settlements/{today}/report.csv", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static async Task WaitUntilHealthyAsync(HttpClient http, AppHostProcess appHost)
    {
        var deadline = TimeSpan.FromMinutes(3);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < deadline)
        {
            Assert.False(appHost.HasExited, $"the AppHost exited early:{Environment.NewLine}{appHost.Output}");
            try
            {
                using var health = await http.GetAsync("/health", TestContext.Current.CancellationToken);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        }

        Assert.Fail($"the API was not healthy within {deadline}:{Environment.NewLine}{appHost.Output}");
    }
}
