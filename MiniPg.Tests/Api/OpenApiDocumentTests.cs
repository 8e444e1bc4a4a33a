using System.Net;
using System.Text.Json;
using MiniPg.Tests.Support;
using AcquirerTestCards = MiniPg.Acquirer.Approvals.TestCards;

namespace MiniPg.Tests.Api;

/// <summary>The merchant API's OpenAPI document is one a merchant can use: who may call what, what each call answers, and examples that hold.</summary>
public sealed class OpenApiDocumentTests(InfrastructureFixture infrastructure)
{
    private const string MerchantScheme = "MerchantKey";
    private const string ProblemJson = "application/problem+json";

    [Fact]
    public async Task The_merchant_key_is_a_bearer_security_scheme()
    {
        var document = await FetchAsync();

        var scheme = document.SecuritySchemes.GetProperty(MerchantScheme);
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        Assert.Contains("sk_test_demo_merchant_1", document.Root.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_merchant_operation_has_a_short_summary_a_description_a_401_and_the_merchant_key()
    {
        var document = await FetchAsync();

        var operations = document.Operations.Where(operation => operation.Path.StartsWith("/api/v1/", StringComparison.Ordinal)).ToList();
        Assert.Contains(operations, operation => operation.ToString() == "POST /api/v1/payments");
        Assert.All(operations, operation =>
        {
            var summary = operation.Element.GetProperty("summary").GetString()!;
            Assert.InRange(summary.Length, 1, 79);
            Assert.DoesNotContain("outbox", summary, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain('\n', summary);
            Assert.False(string.IsNullOrWhiteSpace(operation.Element.GetProperty("description").GetString()), $"{operation} has no description");
            Assert.Contains(operation.Responses, response => response.Status == "401");
            Assert.Contains(operation.Element.GetProperty("security").EnumerateArray(), requirement => requirement.TryGetProperty(MerchantScheme, out _));
        });
    }

    [Fact]
    public async Task Every_operation_that_reads_a_body_documents_413_and_415()
    {
        var document = await FetchAsync();

        var withBody = document.Operations.Where(operation => operation.RequestBody is not null).ToList();
        Assert.NotEmpty(withBody);
        Assert.All(withBody, operation => Assert.Superset(
            new HashSet<string> { "413", "415" }, operation.Responses.Select(response => response.Status).ToHashSet()));
    }

    [Fact]
    public async Task Every_error_response_is_a_problem_document()
    {
        var document = await FetchAsync();

        var errors = document.Operations
            .SelectMany(operation => operation.Responses.Select(response => (Operation: operation.ToString(), response.Status, response.Response)))
            .Where(response => int.Parse(response.Status, System.Globalization.CultureInfo.InvariantCulture) >= 400)
            .ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, error => Assert.Equal(
            (error.Operation, error.Status, ProblemJson),
            (error.Operation, error.Status, string.Join(", ", error.Response.GetProperty("content").EnumerateObject().Select(content => content.Name)))));
    }

    [Fact]
    public async Task The_create_payment_examples_pay_with_every_test_card_of_the_acquirer_and_no_other()
    {
        var document = await FetchAsync();

        var create = document.Operations.Single(operation => operation.ToString() == "POST /api/v1/payments");
        var numbers = OpenApiJson.ExamplesOf(create.RequestBody!.Value.GetProperty("content"))
            .Select(example => example.Value.GetProperty("card").GetProperty("number").GetString())
            .Order()
            .ToArray();
        string[] testCards = [AcquirerTestCards.Approved, AcquirerTestCards.Declined, AcquirerTestCards.InsufficientFunds, AcquirerTestCards.TransientFailure, AcquirerTestCards.Slow];
        Assert.Equal(testCards.Order().ToArray(), numbers);
    }

    [Fact]
    public async Task Every_example_is_valid_against_its_schema()
    {
        var document = await FetchAsync();

        var examples = document.Operations.Concat(document.Webhooks).SelectMany(operation =>
            (operation.RequestBody is { } body ? OpenApiJson.ExamplesOf(body.GetProperty("content")) : [])
                .Concat(operation.Responses.SelectMany(response => response.Response.TryGetProperty("content", out var content) ? OpenApiJson.ExamplesOf(content) : []))
                .Select(example => (Where: $"{operation} {example.Name}", example.Value, example.Schema)))
            .ToList();
        Assert.True(examples.Count > 20, $"only {examples.Count} examples");
        var violations = examples.SelectMany(example => document.Violations(example.Value, example.Schema).Select(violation => $"{example.Where}: {violation}")).ToList();
        Assert.True(violations.Count == 0, string.Join('\n', violations));
    }

    [Theory]
    [InlineData("payment.completed")]
    [InlineData("payment.failed")]
    [InlineData("payment.cancelled")]
    public async Task Each_webhook_documents_its_signature_and_event_headers_and_its_body(string eventType)
    {
        var document = await FetchAsync();

        var webhook = document.Webhooks.Single(operation => operation.Path == eventType);
        var headers = webhook.Element.GetProperty("parameters").EnumerateArray()
            .Where(parameter => parameter.GetProperty("in").GetString() == "header" && parameter.GetProperty("required").GetBoolean())
            .Select(parameter => parameter.GetProperty("name").GetString())
            .ToHashSet();
        Assert.Superset(new HashSet<string?> { "MiniPg-Signature", "MiniPg-Event-Id", "MiniPg-Event-Type", "MiniPg-Delivery-Id" }, headers);
        Assert.Contains("HMAC-SHA256", webhook.Element.GetProperty("description").GetString(), StringComparison.Ordinal);
        var example = OpenApiJson.ExamplesOf(webhook.RequestBody!.Value.GetProperty("content")).Single().Value;
        Assert.Equal(eventType, example.GetProperty("type").GetString());
        Assert.Equal(example.GetProperty("data").GetProperty("payment").GetProperty("id").GetGuid(), example.GetProperty("data").GetProperty("event").GetProperty("paymentId").GetGuid());
    }

    [Fact]
    public async Task The_documented_401_is_what_a_request_without_a_key_gets()
    {
        var document = await FetchAsync();
        var get = document.Operations.Single(operation => operation.ToString() == "GET /api/v1/payments/{id}");
        var documented = OpenApiJson.ExamplesOf(get.Responses.Single(response => response.Status == "401").Response.GetProperty("content")).Single().Value;

        using var response = await infrastructure.Api.CreateClient().GetAsync($"/api/v1/payments/{Guid.NewGuid()}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var answered = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(
            (documented.GetProperty("title").GetString(), documented.GetProperty("detail").GetString()),
            (answered.GetProperty("title").GetString(), answered.GetProperty("detail").GetString()));
    }

    private Task<OpenApiJson> FetchAsync() => OpenApiJson.FetchAsync(infrastructure.Api.CreateClient());
}
