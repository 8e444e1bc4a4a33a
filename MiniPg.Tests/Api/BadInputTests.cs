using System.Net;
using System.Text.Json;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Api;

/// <summary>Every kind of bad input is a clear problem document, stores nothing and leaves the key usable.</summary>
public sealed class BadInputTests(InfrastructureFixture infrastructure)
{
    private const string Card = """{"number":"4242424242424242","expiryMonth":12,"expiryYear":2030}""";

    public static TheoryData<string, string, int, string?> BadBodies => new()
    {
        { "malformed JSON", """{"orderId":""", 400, null },
        { "empty object", "{}", 400, "orderId" },
        { "JSON null", "null", 400, null },
        { "fractional amount", Body(amount: "1.5"), 400, null },
        { "amount as a string", Body(amount: "\"15000\""), 400, null },
        { "zero amount", Body(amount: "0"), 400, "amount" },
        { "negative amount", Body(amount: "-100"), 400, "amount" },
        { "absurd amount", Body(amount: "1000000000000"), 400, "amount" },
        { "amount beyond long", Body(amount: "99999999999999999999"), 400, null },
        { "unknown currency", Body(currency: "USD"), 400, "currency" },
        { "lower-case currency", Body(currency: "krw"), 400, "currency" },
        { "card failing Luhn", Body(card: """{"number":"4242424242424241","expiryMonth":12,"expiryYear":2030}"""), 400, "card.number" },
        { "card with letters", Body(card: """{"number":"4242abcd42424242","expiryMonth":12,"expiryYear":2030}"""), 400, "card.number" },
        { "month 13", Body(card: """{"number":"4242424242424242","expiryMonth":13,"expiryYear":2030}"""), 400, "card.expiryMonth" },
        { "expired card", Body(card: """{"number":"4242424242424242","expiryMonth":1,"expiryYear":2021}"""), 400, "card.expiryYear" },
        { "missing card", """{"orderId":"o","amount":100,"currency":"KRW","orderName":"n"}""", 400, "card" },
        { "missing card number", Body(card: """{"expiryMonth":12,"expiryYear":2030}"""), 400, "card.number" },
        { "overlong order id", Body(orderId: new string('a', 65)), 400, "orderId" },
        { "overlong order name", Body(orderName: new string('n', 101)), 400, "orderName" },
        { "empty order id", Body(orderId: string.Empty), 400, "orderId" },
        { "unknown field (a CVC is never accepted)", Body(extra: ",\"cvc\":\"123\""), 400, null },
        { "NUL in the order name", Body(orderName: "Coff\\u0000ee"), 400, "orderName" },
        { "line feed in the order name", Body(orderName: "Coffee\\nbeans"), 400, "orderName" },
        { "lone surrogate in the order name", Body(orderName: "Coffee \\ud800"), 400, null },
        { "amount given twice", Body(extra: ",\"amount\":999999999"), 400, null },
        { "card number given twice", Body(card: """{"number":"4242424242424242","number":"4000000000000002","expiryMonth":12,"expiryYear":2030}"""), 400, null },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_is_a_400_problem_that_changes_nothing(string description, string body, int status, string? field)
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);

        using var response = await client.PostRawAsync(body, "key-bad");

        await AssertProblemAsync(response, status, field, description);
        await AssertNothingChangedAndKeyStillFreeAsync(merchant, client, "key-bad");
    }

    [Fact]
    public async Task A_wrong_content_type_is_415()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);

        using var response = await client.PostRawAsync(Body(), "key-ct", "text/plain");

        await AssertProblemAsync(response, 415, null, "text/plain");
        await AssertNothingChangedAndKeyStillFreeAsync(merchant, client, "key-ct");
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);

        using var response = await client.PostRawAsync(Body(orderName: new string('x', 40_000)), "key-big");

        await AssertProblemAsync(response, 413, null, "40 kB body");
        await AssertNothingChangedAndKeyStillFreeAsync(merchant, client, "key-big");
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("key\twith-a-tab", "printable ASCII")]
    public async Task A_missing_or_invalid_idempotency_key_is_400(string? key, string expectedDetail)
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);

        using var response = await merchant.Client(infrastructure.Api).PostRawAsync(Body(), key);

        var problem = await AssertProblemAsync(response, 400, null, $"key '{key}'");
        Assert.Contains(expectedDetail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await merchant.PaymentsAsync(infrastructure));
    }

    [Fact]
    public async Task A_key_of_255_characters_is_accepted_and_256_is_refused()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);

        using var tooLong = await client.PostRawAsync(Body(), new string('k', 256));
        using var longest = await client.PostRawAsync(Body(), new string('k', 255));

        await AssertProblemAsync(tooLong, 400, null, "256 characters");
        Assert.Equal(HttpStatusCode.Accepted, longest.StatusCode);
    }

    private static string Body(string amount = "15000", string currency = "KRW", string card = Card, string orderId = "order-1", string orderName = "Coffee", string extra = "") =>
        $$"""{"orderId":{{JsonSerializer.Serialize(orderId)}},"amount":{{amount}},"currency":"{{currency}}","orderName":"{{orderName}}","card":{{card}}{{extra}}}""";

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status, string? field, string because)
    {
        Assert.True((int)response.StatusCode == status, $"{because}: expected {status}, got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{because}: no error for {field} in {problem}");
        }

        return problem;
    }

    private async Task AssertNothingChangedAndKeyStillFreeAsync(TestMerchant merchant, HttpClient client, string key)
    {
        Assert.Empty(await merchant.PaymentsAsync(infrastructure));

        using var retry = await client.PostRawAsync(Body(), key);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
    }
}
