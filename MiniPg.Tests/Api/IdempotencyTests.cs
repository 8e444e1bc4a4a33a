using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MiniPg.Api.Http;
using MiniPg.Api.Idempotency;
using MiniPg.Api.Payments;
using MiniPg.Infrastructure.Caching;
using MiniPg.Tests.Support;
using StackExchange.Redis;

namespace MiniPg.Tests.Api;

public sealed class IdempotencyTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task The_same_key_and_body_replays_the_first_response_byte_for_byte()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);

        using var first = await client.PostAsync(PaymentRequests.Valid(), "key-replay");
        using var second = await client.PostAsync(PaymentRequests.Valid(), "key-replay");

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(await BytesAsync(first), await BytesAsync(second));
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(["true"], second.Headers.GetValues("Idempotent-Replayed"));
        Assert.Single(await merchant.PaymentsAsync(infrastructure));
    }

    [Fact]
    public async Task The_same_body_with_other_whitespace_and_field_order_is_the_same_request()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);

        using var first = await client.PostRawAsync(
            """{"orderId":"o-1","amount":500,"currency":"KRW","orderName":"Tea","card":{"number":"4242424242424242","expiryMonth":12,"expiryYear":2030}}""", "key-shape");
        using var second = await client.PostRawAsync(
            """{ "amount": 500, "orderName": "Tea", "orderId": "o-1", "currency": "KRW", "card": { "expiryYear": 2030, "expiryMonth": 12, "number": "4242424242424242" } }""", "key-shape");

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Single(await merchant.PaymentsAsync(infrastructure));
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_422_and_creates_nothing()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);

        using var first = await client.PostAsync(PaymentRequests.Valid(15_000), "key-mismatch");
        using var second = await client.PostAsync(PaymentRequests.Valid(16_000), "key-mismatch");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(15_000, Assert.Single(await merchant.PaymentsAsync(infrastructure)).Amount.Value);
    }

    [Fact]
    public async Task The_same_key_from_two_merchants_is_two_payments()
    {
        var first = await TestMerchant.CreateAsync(infrastructure);
        var second = await TestMerchant.CreateAsync(infrastructure);

        using var one = await first.Client(infrastructure.Api).PostAsync(PaymentRequests.Valid(), "shared-key");
        using var two = await second.Client(infrastructure.Api).PostAsync(PaymentRequests.Valid(), "shared-key");

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (one.StatusCode, two.StatusCode));
        Assert.False(two.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(one.Headers.Location, two.Headers.Location);
    }

    [Fact]
    public async Task A_key_still_in_flight_is_409_and_creates_nothing()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var store = infrastructure.Api.Services.GetRequiredService<IdempotencyStore>();
        var inFlight = await store.ClaimAsync(merchant.Id, "key-in-flight", FingerprintOfValidRequest());
        Assert.IsType<ClaimOutcome.Claimed>(inFlight);

        using var response = await merchant.Client(infrastructure.Api).PostAsync(PaymentRequests.Valid(), "key-in-flight");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await merchant.PaymentsAsync(infrastructure));
    }

    [Fact]
    public async Task A_response_is_replayed_from_postgres_after_the_redis_key_expired()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        using var first = await client.PostAsync(PaymentRequests.Valid(), "key-expired");
        await Redis().KeyDeleteAsync(CacheKeys.Idempotency(merchant.Id, "key-expired"));

        using var second = await client.PostAsync(PaymentRequests.Valid(), "key-expired");

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(await BytesAsync(first), await BytesAsync(second));
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Single(await merchant.PaymentsAsync(infrastructure));
        Assert.True(await Redis().KeyExistsAsync(CacheKeys.Idempotency(merchant.Id, "key-expired")), "the replay re-caches the answer");
    }

    [Fact]
    public async Task A_different_body_after_the_redis_key_expired_is_still_422()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        using var first = await client.PostAsync(PaymentRequests.Valid(15_000), "key-expired-mismatch");
        await Redis().KeyDeleteAsync(CacheKeys.Idempotency(merchant.Id, "key-expired-mismatch"));

        using var second = await client.PostAsync(PaymentRequests.Valid(99_000), "key-expired-mismatch");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal(15_000, Assert.Single(await merchant.PaymentsAsync(infrastructure)).Amount.Value);
    }

    [Fact]
    public async Task A_lock_left_by_a_crash_after_commit_is_answered_from_postgres()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        using var first = await client.PostAsync(PaymentRequests.Valid(), "key-crash");
        await Redis().KeyDeleteAsync(CacheKeys.Idempotency(merchant.Id, "key-crash"));
        var store = infrastructure.Api.Services.GetRequiredService<IdempotencyStore>();
        Assert.IsType<ClaimOutcome.Claimed>(await store.ClaimAsync(merchant.Id, "key-crash", FingerprintOfValidRequest()));

        using var second = await client.PostAsync(PaymentRequests.Valid(), "key-crash");

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(await BytesAsync(first), await BytesAsync(second));
        Assert.Single(await merchant.PaymentsAsync(infrastructure));
    }

    [Fact]
    public async Task Thirty_two_concurrent_identical_requests_create_exactly_one_payment()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);

        var responses = await ConcurrentRequests.SendAsync(merchant.Client(infrastructure.Api), 32, "key-concurrent");

        Assert.Single(await merchant.PaymentsAsync(infrastructure));
        Assert.All(responses, response => Assert.Contains(response.Status, new[] { HttpStatusCode.Accepted, HttpStatusCode.Conflict }));
        var accepted = responses.Where(response => response.Status == HttpStatusCode.Accepted).ToList();
        Assert.Single(accepted, response => !response.Replayed);
        Assert.Single(accepted.Select(response => Convert.ToBase64String(response.Body)).Distinct());
    }

    private IDatabase Redis() => infrastructure.Api.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

    /// <summary>The fingerprint the API computes for <see cref="PaymentRequests.Valid"/>, to plant a lock as a concurrent request would.</summary>
    private string FingerprintOfValidRequest()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(PaymentRequests.Valid(), System.Text.Json.JsonSerializerOptions.Web);
        var request = System.Text.Json.JsonSerializer.Deserialize(json, ApiJson.Default.CreatePaymentRequest)!;
        return infrastructure.Api.Services.GetRequiredService<RequestFingerprint>().Of(PaymentEndpoints.CreatePaymentOperation, request, ApiJson.Default.CreatePaymentRequest);
    }

    private static Task<byte[]> BytesAsync(HttpResponseMessage response) => response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
}
