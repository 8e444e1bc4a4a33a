using System.Net;
using System.Net.Http.Headers;
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
