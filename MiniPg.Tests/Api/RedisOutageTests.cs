using System.Net;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Api;

[CollectionDefinition(nameof(RedisOutage), DisableParallelization = true)]
public sealed class RedisOutage;

/// <summary>
/// Redis is stopped for real (the fixture's Redis process), so these run alone: PostgreSQL's unique key must still
/// make every retry a replay and every payment single.
/// </summary>
[Collection(nameof(RedisOutage))]
public sealed class RedisOutageTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await infrastructure.StopResourceAsync(ResourceNames.Redis);

    public async ValueTask DisposeAsync() => await infrastructure.StartResourceAsync(ResourceNames.Redis);

    [Fact]
    public async Task Payments_are_still_accepted_and_replayed_without_redis()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);

        using var first = await client.PostAsync(PaymentRequests.Valid(), "key-no-redis");
        using var second = await client.PostAsync(PaymentRequests.Valid(), "key-no-redis");
        using var mismatch = await client.PostAsync(PaymentRequests.Valid(1_000), "key-no-redis");

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.UnprocessableEntity), (first.StatusCode, second.StatusCode, mismatch.StatusCode));
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(
            await first.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken),
            await second.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Single(await merchant.PaymentsAsync(infrastructure));
    }

    [Fact]
    public async Task Thirty_two_concurrent_identical_requests_without_redis_create_exactly_one_payment()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);

        var responses = await ConcurrentRequests.SendAsync(merchant.Client(infrastructure.Api), 32, "key-concurrent-no-redis");

        Assert.Single(await merchant.PaymentsAsync(infrastructure));
        Assert.All(responses, response => Assert.Equal(HttpStatusCode.Accepted, response.Status));
        Assert.Single(responses, response => !response.Replayed);
        Assert.Single(responses.Select(response => Convert.ToBase64String(response.Body)).Distinct());
    }

    [Fact]
    public async Task A_payment_can_be_read_without_redis()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        using var created = await client.PostAsync(PaymentRequests.Valid(), "key-get-no-redis");

        using var read = await client.GetAsync(created.Headers.Location, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("\"status\":\"REQUESTED\"", await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
