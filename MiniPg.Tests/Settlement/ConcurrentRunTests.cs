using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Settlement;
using MiniPg.Settlement.Runs;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Settlement;

/// <summary>One run of a date at a time: a second one at once gets the first one's summary or a 409, never a 500.</summary>
[Collection(nameof(SettlementTests))]
public sealed class ConcurrentRunTests(SettlementFixture settlement)
{
    [Fact]
    public async Task Two_runs_of_the_same_date_at_once_make_one_run_and_never_a_500()
    {
        var date = settlement.NextBusinessDate();
        for (var merchant = 0; merchant < 4; merchant++)
        {
            var owner = await TestMerchant.CreateAsync(settlement.Infrastructure);
            await settlement.ApprovedPaymentAsync(owner, 34_000, SettlementFixture.KstTime(date, 9 + merchant));
        }

        await using var service = new SettlementServiceFactory(settlement.Infrastructure, allowOpenDay: false);
        var client = service.CreateOperatorClient();
        using var start = new SemaphoreSlim(0, 2);
        var runs = Enumerable.Range(0, 2).Select(async _ =>
        {
            await start.WaitAsync(TestContext.Current.CancellationToken);
            using var response = await client.PostAsJsonAsync("/settlement-runs", new { businessDate = date }, TestContext.Current.CancellationToken);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }).ToList();
        start.Release(2);
        var answers = await Task.WhenAll(runs);

        Assert.All(answers, answer => Assert.Contains(answer.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        var summaries = answers.Where(answer => answer.StatusCode == HttpStatusCode.OK).Select(answer => Summary(answer.Body)).ToList();
        Assert.NotEmpty(summaries);
        Assert.All(summaries, summary => Assert.Equal(summaries[0], summary));
        Assert.Equal(("COMPLETED", 4), (summaries[0].Status, summaries[0].Lines));
        await using var db = settlement.Infrastructure.CreateDbContext();
        Assert.Equal(
            (1, 4),
            (await db.SettlementRuns.CountAsync(run => run.BusinessDate == date, TestContext.Current.CancellationToken),
             await db.SettlementLines.CountAsync(line => line.BusinessDate == date, TestContext.Current.CancellationToken)));
        Assert.Equal(SettlementRunStatus.Completed, await settlement.RunStatusAsync(date));
    }

    [Fact]
    public async Task While_another_process_runs_a_date_a_run_of_it_is_a_409_that_writes_nothing()
    {
        var date = settlement.NextBusinessDate();
        var merchant = await TestMerchant.CreateAsync(settlement.Infrastructure);
        var payment = await settlement.ApprovedPaymentAsync(merchant, 34_000, SettlementFixture.KstTime(date, 10));
        await using var service = new SettlementServiceFactory(settlement.Infrastructure, allowOpenDay: false);
        var client = service.CreateOperatorClient();
        await using var elsewhere = settlement.Infrastructure.CreateDbContext();

        (HttpStatusCode, string?, SettlementRunStatus?, PaymentStatus) whileHeld;
        await using (var held = await SettlementRunLock.TryAcquireAsync(elsewhere, date, TestContext.Current.CancellationToken))
        {
            Assert.NotNull(held);
            using var response = await client.PostAsJsonAsync("/settlement-runs", new { businessDate = date }, TestContext.Current.CancellationToken);
            whileHeld = (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await settlement.RunStatusAsync(date), (await settlement.PaymentAsync(payment.Id)).Status);
        }

        using var afterwards = await client.PostAsJsonAsync("/settlement-runs", new { businessDate = date }, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Conflict, "application/problem+json", (SettlementRunStatus?)null, PaymentStatus.Approved), whileHeld);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.Equal(PaymentStatus.Settled, (await settlement.PaymentAsync(payment.Id)).Status);
    }

    private static (string? Status, int Lines, string Totals) Summary(string body)
    {
        var summary = JsonDocument.Parse(body).RootElement;
        return (summary.GetProperty("status").GetString(), summary.GetProperty("lines").GetArrayLength(), summary.GetProperty("totals").GetRawText());
    }
}
