using System.Net;
using System.Net.Http.Json;
using System.Text;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Acquirer;

public sealed class BadRequestTests(InfrastructureFixture infrastructure) : IAsyncDisposable
{
    private readonly AcquirerFactory _acquirer = new(infrastructure);

    [Fact]
    public async Task Validation_errors_name_the_fields_as_the_json_does()
    {
        using var response = await _acquirer.CreateClient().PostAsync(
            "/v1/approvals", new StringContent(Approval(card: "4242424242424241"), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var problem = await response.JsonAsync();
        Assert.Equal(["card.number"], problem.GetProperty("errors").EnumerateObject().Select(error => error.Name));
    }

    public static TheoryData<string, string> BadApprovals => new()
    {
        { "malformed JSON", """{"requestId":""" },
        { "empty object", "{}" },
        { "zero amount", Approval(amount: "0") },
        { "fractional amount", Approval(amount: "1.5") },
        { "amount as a string", Approval(amount: "\"15000\"") },
        { "another currency", Approval(currency: "USD") },
        { "card failing Luhn", Approval(card: "4242424242424241") },
        { "card with letters", Approval(card: "4242abcd42424242") },
        { "unknown field", Approval(extra: ",\"cvc\":\"123\"") },
    };

    [Theory]
    [MemberData(nameof(BadApprovals))]
    public async Task A_bad_approval_body_is_a_400_problem_and_approves_nothing(string description, string body)
    {
        using var response = await _acquirer.CreateClient().PostAsync(
            "/v1/approvals", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, description);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_body_that_gives_a_key_twice_is_a_400_problem_and_approves_nothing()
    {
        var requestId = Guid.NewGuid();
        var client = _acquirer.CreateClient();
        var body = $$"""{"requestId":"{{requestId}}","merchantId":"{{Guid.NewGuid()}}","amount":15000,"currency":"KRW","card":{"number":"4242424242424242","expiryMonth":12,"expiryYear":2030},"amount":1}""";

        using var response = await client.PostAsync("/v1/approvals", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        using var inquiry = await client.InquireAsync(requestId);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, inquiry.StatusCode);
    }

    [Fact]
    public async Task A_cancellation_without_an_id_is_a_400_problem()
    {
        var requestId = Guid.NewGuid();
        var client = _acquirer.CreateClient();
        using var approval = await client.ApproveAsync(requestId);

        using var response = await client.PostAsJsonAsync($"/v1/approvals/{requestId}/cancellations", new { amount = 100 }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("APPROVED", (await (await client.InquireAsync(requestId)).JsonAsync()).Text("status"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?date=")]
    [InlineData("?date=2026-13-01")]
    [InlineData("?date=25.11.2026")]
    public async Task An_export_without_a_valid_date_is_a_400_problem(string query)
    {
        using var response = await _acquirer.CreateClient().GetAsync($"/v1/transactions{query}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public ValueTask DisposeAsync() => _acquirer.DisposeAsync();

    private static string Approval(string amount = "15000", string currency = "KRW", string card = "4242424242424242", string extra = "") =>
        $$"""{"requestId":"{{Guid.NewGuid()}}","merchantId":"{{Guid.NewGuid()}}","amount":{{amount}},"currency":"{{currency}}","card":{"number":"{{card}}","expiryMonth":12,"expiryYear":2030}{{extra}}}""";
}
