using System.Globalization;
using System.Net;
using System.Text;

namespace MiniPg.Tests.SettlementRuns;

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

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
