using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Settlement;

[Collection(nameof(SettlementTests))]
public sealed class OperatorAndMerchantTests(SettlementFixture settlement)
{
    [Fact]
    public async Task The_operator_settles_a_date_and_reads_the_run_back()
    {
        var date = settlement.NextBusinessDate();
        var merchant = await TestMerchant.CreateAsync(settlement.Infrastructure);
        await settlement.ApprovedPaymentAsync(merchant, 34_000, SettlementFixture.KstTime(date, 10));
        await using var service = new SettlementServiceFactory(settlement.Infrastructure, allowOpenDay: false);
        var client = service.CreateOperatorClient();

        using var run = await client.PostAsJsonAsync("/settlement-runs", new { businessDate = date }, TestContext.Current.CancellationToken);
        using var read = await client.GetAsync($"/settlement-runs/{date:yyyy-MM-dd}", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (run.StatusCode, read.StatusCode));
        var summary = await read.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("COMPLETED", summary.GetProperty("status").GetString());
        var line = summary.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("merchantId").GetGuid() == merchant.Id.Value);
        Assert.Equal((860L, 78L, 33_140L), (line.GetProperty("feeAmount").GetInt64(), line.GetProperty("feeVat").GetInt64(), line.GetProperty("netAmount").GetInt64()));
    }

    [Fact]
    public async Task The_operator_interface_needs_the_operator_key()
    {
        await using var service = new SettlementServiceFactory(settlement.Infrastructure, allowOpenDay: false);

        using var response = await service.CreateClient().PostAsJsonAsync("/settlement-runs", new { businessDate = "2026-01-05" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_day_that_has_not_closed_is_refused_unless_allowed()
    {
        var today = settlement.NextBusinessDate();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(SettlementFixture.KstTime(today, 23, 59, 59));
        await using var service = new SettlementServiceFactory(settlement.Infrastructure, allowOpenDay: false, time: clock);

        using var response = await service.CreateOperatorClient().PostAsJsonAsync("/settlement-runs", new { businessDate = today }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Null(await settlement.RunStatusAsync(today));
    }

    [Fact]
    public async Task A_date_never_settled_is_404_and_a_malformed_one_400()
    {
        await using var service = new SettlementServiceFactory(settlement.Infrastructure, allowOpenDay: false);

        using var missing = await service.CreateOperatorClient().GetAsync("/settlement-runs/2030-01-01", TestContext.Current.CancellationToken);
        using var malformed = await service.CreateOperatorClient().GetAsync("/settlement-runs/yesterday", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.BadRequest), (missing.StatusCode, malformed.StatusCode));
    }

    [Fact]
    public async Task A_merchant_reads_its_own_line_and_downloads_a_report_that_adds_up()
    {
        var date = settlement.NextBusinessDate();
        var merchant = await TestMerchant.CreateAsync(settlement.Infrastructure);
        var other = await TestMerchant.CreateAsync(settlement.Infrastructure);
        await settlement.ApprovedPaymentAsync(merchant, 34_000, SettlementFixture.KstTime(date, 10));
        await settlement.ApprovedPaymentAsync(merchant, 10_001, SettlementFixture.KstTime(date, 11));
        await settlement.ApprovedPaymentAsync(other, 5_000, SettlementFixture.KstTime(date, 11));
        await settlement.RunAsync(date);
        var client = merchant.Client(settlement.Infrastructure.Api);

        var lines = await client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/settlements?date={date:yyyy-MM-dd}", TestContext.Current.CancellationToken);
        var csv = await client.GetStringAsync($"/api/v1/settlements/{date:yyyy-MM-dd}/report.csv", TestContext.Current.CancellationToken);

        var line = Assert.Single(lines!);
        Assert.Equal((44_001L, 1_113L, 42_888L), (line.GetProperty("totalAmount").GetInt64(), line.GetProperty("feeAmount").GetInt64(), line.GetProperty("netAmount").GetInt64()));
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(4, rows.Length);
        Assert.StartsWith("PaymentId,OrderId,Kind", rows[0], StringComparison.Ordinal);
        Assert.EndsWith(",44001,1012,101,1113,42888", rows[3], StringComparison.Ordinal);
        Assert.StartsWith("TOTAL", rows[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settlement_reads_reject_a_bad_date_and_an_unsettled_report_is_404()
    {
        var merchant = await TestMerchant.CreateAsync(settlement.Infrastructure);
        var client = merchant.Client(settlement.Infrastructure.Api);

        using var badDate = await client.GetAsync("/api/v1/settlements?date=25-11-2026", TestContext.Current.CancellationToken);
        using var noReport = await client.GetAsync("/api/v1/settlements/2026-01-05/report.csv", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (badDate.StatusCode, noReport.StatusCode));
    }

    [Fact]
    public async Task The_settle_command_settles_a_date_from_the_command_line()
    {
        var date = settlement.NextBusinessDate();
        var merchant = await TestMerchant.CreateAsync(settlement.Infrastructure);
        var payment = await settlement.ApprovedPaymentAsync(merchant, 34_000, SettlementFixture.KstTime(date, 10));

        var exitCode = await MiniPg.Settlement.Commands.OperatorCommands.RunAsync(
            ["settle", "--date", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "--ConnectionStrings:minipg", settlement.Infrastructure.DatabaseConnectionString, "--ConnectionStrings:redis", settlement.Infrastructure.RedisConnectionString]);

        Assert.Equal(0, exitCode);
        Assert.Equal(MiniPg.Domain.Payments.PaymentStatus.Settled, (await settlement.PaymentAsync(payment.Id)).Status);
    }

    [Fact]
    public async Task The_daily_schedule_settles_yesterday_at_five_past_midnight_kst()
    {
        var date = settlement.NextBusinessDate();
        var merchant = await TestMerchant.CreateAsync(settlement.Infrastructure);
        var payment = await settlement.ApprovedPaymentAsync(merchant, 34_000, SettlementFixture.KstTime(date, 10));
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(SettlementFixture.KstTime(date.AddDays(1), 0, 0));
        await using var service = new SettlementServiceFactory(settlement.Infrastructure, allowOpenDay: false, time: clock);
        service.StartServer();

        // The scheduler starts on its own thread: walk the clock from midnight past 00:05 a second at a time, so it
        // has long computed its next occurrence before the clock gets there.
        var settled = await settlement.PaymentAsync(payment.Id);
        for (var second = 0; second < 600 && settled.Status != MiniPg.Domain.Payments.PaymentStatus.Settled; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20, TestContext.Current.CancellationToken);
            settled = second >= 295 ? await settlement.PaymentAsync(payment.Id) : settled;
        }

        Assert.Equal(MiniPg.Domain.Payments.PaymentStatus.Settled, settled.Status);
        using var run = await service.CreateOperatorClient().GetAsync($"/settlement-runs/{date:yyyy-MM-dd}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
    }
}
