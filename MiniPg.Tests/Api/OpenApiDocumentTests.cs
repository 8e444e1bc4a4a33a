using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
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

    [Fact]
    public async Task Every_merchant_operation_has_an_example_of_its_success_response()
    {
        var document = await FetchAsync();

        var operations = document.Operations.Where(operation => operation.Path.StartsWith("/api/v1/", StringComparison.Ordinal)).ToList();
        Assert.All(operations, operation =>
        {
            var (status, response) = Assert.Single(operation.Responses, response => response.Status.StartsWith('2'));
            var examples = response.TryGetProperty("content", out var content) ? OpenApiJson.ExamplesOf(content).ToList() : [];
            Assert.True(
                status == "204" ? !response.TryGetProperty("content", out _) : examples.Count > 0,
                $"{operation} {status} has no example (or a 204 has a body)");
        });
    }

    [Fact]
    public async Task The_timeline_example_tells_the_slow_test_cards_story()
    {
        var document = await FetchAsync();

        var timeline = document.Operations.Single(operation => operation.ToString() == "GET /api/v1/payments/{id}/timeline");
        var example = OpenApiJson.ExamplesOf(timeline.Responses.Single(response => response.Status == "200").Response.GetProperty("content")).Single().Value;
        var story = string.Join(" → ", example.GetProperty("entries").EnumerateArray().Select(entry =>
            entry.TryGetProperty("outcome", out var outcome) ? $"{entry.GetProperty("type")} {outcome}" : entry.GetProperty("type").GetString()));
        Assert.Equal("requested → acquirer.approve UNKNOWN → approved → acquirer.inquire APPROVED → webhook.delivery → webhook.attempt", story);
        Assert.Equal(timeline.Parameter("id").GetProperty("example").GetString(), example.GetProperty("paymentId").GetString());
    }

    /// <summary>
    /// A request to the documented operation, its path made of the documented parameter examples (a {name} in
    /// <paramref name="target"/>), answers the documented problem example of that status and title, word for word.
    /// </summary>
    [Theory]
    [InlineData("GET /api/v1/payments", "/api/v1/payments?status=PAID&limit=0", null, 400)]
    [InlineData("GET /api/v1/payments/{id}/timeline", "/api/v1/payments/{id}/timeline", null, 404)]
    [InlineData("GET /api/v1/idempotency-keys/{key}", "/api/v1/idempotency-keys/caf%C3%A9-order-1001", null, 400)]
    [InlineData("GET /api/v1/idempotency-keys/{key}", "/api/v1/idempotency-keys/{key}", null, 404)]
    [InlineData("POST /api/v1/webhook-endpoints", "/api/v1/webhook-endpoints", """{"eventTypes":["payment.refunded"]}""", 400)]
    [InlineData("POST /api/v1/webhook-endpoints", "/api/v1/webhook-endpoints", """{"url":"http://169.254.169.254/latest/meta-data/"}""", 422)]
    [InlineData("GET /api/v1/webhook-endpoints/{id}", "/api/v1/webhook-endpoints/{id}", null, 404)]
    [InlineData("PATCH /api/v1/webhook-endpoints/{id}", "/api/v1/webhook-endpoints/{id}", """{"eventTypes":[]}""", 400)]
    [InlineData("DELETE /api/v1/webhook-endpoints/{id}", "/api/v1/webhook-endpoints/{id}", null, 404)]
    [InlineData("GET /api/v1/webhook-endpoints/{id}/deliveries", "/api/v1/webhook-endpoints/{id}/deliveries?status=SENT", null, 400)]
    [InlineData("POST /api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/redeliver", "/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/redeliver", null, 404)]
    public async Task A_documented_problem_example_is_what_the_api_answers(string operationName, string target, string? body, int status)
    {
        var document = await FetchAsync();
        var operation = document.Operations.Single(candidate => candidate.ToString() == operationName);
        var path = Regex.Replace(target, @"\{(\w+)\}", match => Uri.EscapeDataString(operation.Parameter(match.Groups[1].Value).GetProperty("example").GetString()!));
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await merchant.Client(infrastructure.Api).SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal((status, ProblemJson), ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType));
        var answered = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var documented = OpenApiJson.ExamplesOf(operation.Responses.Single(response => response.Status == $"{status}").Response.GetProperty("content"))
            .Select(example => example.Value)
            .Single(example => example.GetProperty("title").GetString() == answered.GetProperty("title").GetString());
        Assert.Equal(Essentials(documented), Essentials(answered));
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

    /// <summary>What a problem says, without the parts that differ per request (its trace id).</summary>
    private static string Essentials(JsonElement problem) => JsonSerializer.Serialize(new
    {
        title = problem.GetProperty("title").GetString(),
        status = problem.GetProperty("status").GetInt32(),
        detail = problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null,
        errors = problem.TryGetProperty("errors", out var errors) ? errors : (JsonElement?)null,
    });

    private Task<OpenApiJson> FetchAsync() => OpenApiJson.FetchAsync(infrastructure.Api.CreateClient());
}
