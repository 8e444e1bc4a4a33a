using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Settlement;

/// <summary>The Settlement service's operator interface has an OpenAPI document of its own, with the operator key on every operation.</summary>
[Collection(nameof(SettlementTests))]
public sealed class OperatorOpenApiDocumentTests(SettlementFixture settlement)
{
    private const string OperatorScheme = "OperatorKey";

    [Fact]
    public async Task Every_operator_operation_needs_the_operator_key_and_documents_its_401()
    {
        await using var service = new SettlementServiceFactory(settlement.Infrastructure, allowOpenDay: false);

        var document = await OpenApiJson.FetchAsync(service.CreateClient());

        var scheme = document.SecuritySchemes.GetProperty(OperatorScheme);
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        Assert.Equal(
            ["GET /settlement-runs/{date}", "POST /reconciliations", "POST /settlement-runs"],
            document.Operations.Select(operation => operation.ToString()).Order());
        Assert.All(document.Operations, operation =>
        {
            Assert.Contains(operation.Element.GetProperty("security").EnumerateArray(), requirement => requirement.TryGetProperty(OperatorScheme, out _));
            var unauthorized = operation.Responses.Single(response => response.Status == "401").Response;
            Assert.Equal(["application/problem+json"], unauthorized.GetProperty("content").EnumerateObject().Select(content => content.Name));
            Assert.InRange(operation.Element.GetProperty("summary").GetString()!.Length, 1, 79);
            Assert.False(string.IsNullOrWhiteSpace(operation.Element.GetProperty("description").GetString()), $"{operation} has no description");
        });
    }

    [Fact]
    public async Task Every_error_is_a_problem_document_and_the_documented_401_is_what_a_request_without_the_key_gets()
    {
        await using var service = new SettlementServiceFactory(settlement.Infrastructure, allowOpenDay: false);
        var document = await OpenApiJson.FetchAsync(service.CreateClient());
        var run = document.Operations.Single(operation => operation.ToString() == "POST /settlement-runs");
        var documented = OpenApiJson.ExamplesOf(run.Responses.Single(response => response.Status == "401").Response.GetProperty("content")).Single().Value;

        using var response = await service.CreateClient().PostAsJsonAsync("/settlement-runs", new { businessDate = "2026-01-05" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var answered = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(documented.GetProperty("title").GetString(), answered.GetProperty("title").GetString());
        var errorContents = document.Operations
            .SelectMany(operation => operation.Responses.Where(error => int.Parse(error.Status, System.Globalization.CultureInfo.InvariantCulture) >= 400))
            .Select(error => string.Join(',', error.Response.GetProperty("content").EnumerateObject().Select(content => content.Name)))
            .Distinct();
        Assert.Equal(["application/problem+json"], errorContents);
    }

    [Fact]
    public async Task The_scalar_reference_page_is_served()
    {
        await using var service = new SettlementServiceFactory(settlement.Infrastructure, allowOpenDay: false);

        using var response = await service.CreateClient().GetAsync("/scalar", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
