using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using MiniPg.Domain.Calendar;
using MiniPg.Domain.Payments;
using MiniPg.Settlement.Commands;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Settlement;

/// <summary>What the operator interface refuses, and that a refusal is a problem document that writes nothing.</summary>
[Collection(nameof(SettlementTests))]
public sealed class OperatorRefusalTests(SettlementFixture settlement)
{
    private const string ProblemJson = "application/problem+json";

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task A_body_that_is_not_valid_json_for_the_request_is_a_400_problem_that_writes_nothing(string environment)
    {
        var date = settlement.NextBusinessDate();
        var day = Text(date);
        var nextDay = Text(date.AddDays(1));
        await using var service = new SettlementServiceFactory(settlement.Infrastructure, allowOpenDay: true, environment: environment);
        var client = service.CreateOperatorClient();
        (string Path, string Body)[] requests =
        [
            ("/settlement-runs", """{"businessDate":"2026-13-45"}"""),
            ("/settlement-runs", """{"businessDate":"yesterday"}"""),
            ("/settlement-runs", $$"""{"businessDate":{{date.DayNumber}}}"""),
            ("/settlement-runs", """{"businessDate":"""),
            ("/settlement-runs", $$"""{"businessDate":"{{day}}","businessDate":"{{nextDay}}"}"""),
            ("/reconciliations", """{"businessDate":"2026-02-30"}"""),
            ("/reconciliations", $$"""{"businessDate":"{{day}}","resolveGhosts":"yes"}"""),
            ("/reconciliations", $$"""{"businessDate":"{{day}}","businessDate":"{{nextDay}}"}"""),
        ];

        var answers = new List<(string, HttpStatusCode, string?)>();
        foreach (var (path, body) in requests)
        {
            using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            answers.Add((body, response.StatusCode, response.Content.Headers.ContentType?.MediaType));
        }

        Assert.Equal([.. requests.Select(request => (request.Body, HttpStatusCode.BadRequest, (string?)ProblemJson))], answers);
        Assert.Equal((null, null), (await settlement.RunStatusAsync(date), await settlement.RunStatusAsync(date.AddDays(1))));
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("2099-01-01")]
    [InlineData("2025-12-31")]
    [InlineData("2027-11-19")]
    public async Task A_date_outside_the_holiday_calendar_is_a_400_problem_that_writes_no_run(string date)
    {
        var businessDate = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var service = new SettlementServiceFactory(settlement.Infrastructure, allowOpenDay: true);
        var client = service.CreateOperatorClient();

        using var settle = await client.PostAsJsonAsync("/settlement-runs", new { businessDate = date }, TestContext.Current.CancellationToken);
        using var reconcile = await client.PostAsJsonAsync("/reconciliations", new { businessDate = date }, TestContext.Current.CancellationToken);

        Assert.Equal(
            (HttpStatusCode.BadRequest, ProblemJson, HttpStatusCode.BadRequest, ProblemJson),
            (settle.StatusCode, settle.Content.Headers.ContentType?.MediaType, reconcile.StatusCode, reconcile.Content.Headers.ContentType?.MediaType));
        Assert.Null(await settlement.RunStatusAsync(businessDate));
    }

    [Fact]
    public async Task A_date_that_has_not_begun_in_korea_is_refused_even_where_open_days_are_allowed()
    {
        var today = settlement.NextBusinessDate();
        var merchant = await TestMerchant.CreateAsync(settlement.Infrastructure);
        var payment = await settlement.ApprovedPaymentAsync(merchant, 34_000, SettlementFixture.KstTime(today, 9));
        var clock = new FakeTimeProvider(SettlementFixture.KstTime(today, 10));
        await using var service = new SettlementServiceFactory(settlement.Infrastructure, allowOpenDay: true, time: clock);
        var client = service.CreateOperatorClient();

        using var tomorrow = await client.PostAsJsonAsync("/settlement-runs", new { businessDate = today.AddDays(1) }, TestContext.Current.CancellationToken);
        using var weeksAhead = await client.PostAsJsonAsync("/settlement-runs", new { businessDate = today.AddDays(13) }, TestContext.Current.CancellationToken);
        var statusBeforeToday = (await settlement.PaymentAsync(payment.Id)).Status;
        using var openDay = await client.PostAsJsonAsync("/settlement-runs", new { businessDate = today }, TestContext.Current.CancellationToken);

        Assert.Equal(
            (HttpStatusCode.Conflict, ProblemJson, HttpStatusCode.Conflict, ProblemJson),
            (tomorrow.StatusCode, tomorrow.Content.Headers.ContentType?.MediaType, weeksAhead.StatusCode, weeksAhead.Content.Headers.ContentType?.MediaType));
        Assert.Equal((null, null), (await settlement.RunStatusAsync(today.AddDays(1)), await settlement.RunStatusAsync(today.AddDays(13))));
        Assert.Equal(PaymentStatus.Approved, statusBeforeToday);
        Assert.Equal(HttpStatusCode.OK, openDay.StatusCode);
        Assert.Equal(PaymentStatus.Settled, (await settlement.PaymentAsync(payment.Id)).Status);
    }

    [Fact]
    public async Task The_command_line_refuses_the_same_dates_with_exit_code_1_and_writes_nothing()
    {
        var outside = new DateOnly(2099, 1, 1);
        var tomorrow = BusinessCalendar.KstDateOf(TimeProvider.System.GetUtcNow()).AddDays(1);
        string[] connections = ["--ConnectionStrings:minipg", settlement.Infrastructure.DatabaseConnectionString, "--ConnectionStrings:redis", settlement.Infrastructure.RedisConnectionString];

        var exitCodes = new[]
        {
            await OperatorCommands.RunAsync(["settle", "--date", Text(outside), .. connections]),
            await OperatorCommands.RunAsync(["reconcile", "--date", Text(outside), .. connections]),
            await OperatorCommands.RunAsync(["settle", "--date", Text(tomorrow), .. connections]),
        };

        Assert.Equal([1, 1, 1], exitCodes);
        Assert.Equal((null, null), (await settlement.RunStatusAsync(outside), await settlement.RunStatusAsync(tomorrow)));
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
