using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniPg.Api.Idempotency;
using MiniPg.Infrastructure.Caching;
using MiniPg.Infrastructure.Idempotency;
using MiniPg.Tests.Support;
using StackExchange.Redis;

namespace MiniPg.Tests.Api;

public sealed class IdempotencyKeyIntrospectionTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_key_used_for_a_created_payment_reads_completed_with_its_answer()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        using var created = await client.PostAsync(PaymentRequests.Valid(), "key-completed");
        var record = await RecordAsync(merchant, "key-completed");

        var (status, key) = await IntrospectAsync(client, "key-completed");

        Assert.Equal(HttpStatusCode.OK, status);
        var location = created.Headers.Location!.OriginalString;
        Assert.Equal(("key-completed", "completed", 202, location, location),
            (key.GetProperty("key").GetString(), key.GetProperty("state").GetString(), key.GetProperty("response").GetProperty("status").GetInt32(),
                key.GetProperty("response").GetProperty("location").GetString(), key.GetProperty("resource").GetString()));
        Assert.Equal(record.CreatedAt, key.GetProperty("firstUsedAt").GetDateTimeOffset());
        Assert.Equal(record.CreatedAt + TimeSpan.FromDays(30), key.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.InRange(key.GetProperty("cachedUntil").GetDateTimeOffset(), record.CreatedAt + TimeSpan.FromHours(47), record.CreatedAt + TimeSpan.FromHours(48.1));
        Assert.Equal(IdempotencyKeyEndpoints.FingerprintRule, key.GetProperty("fingerprintRule").GetString());
    }

    [Fact]
    public async Task With_the_redis_entry_deleted_a_completed_key_still_reads_completed()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        using var created = await client.PostAsync(PaymentRequests.Valid(), "key-no-cache");
        await Redis().KeyDeleteAsync(CacheKeys.Idempotency(merchant.Id, "key-no-cache"));

        var (status, key) = await IntrospectAsync(client, "key-no-cache");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("completed", 202, created.Headers.Location!.OriginalString, JsonValueKind.Null),
            (key.GetProperty("state").GetString(), key.GetProperty("response").GetProperty("status").GetInt32(),
                key.GetProperty("resource").GetString(), key.GetProperty("cachedUntil").ValueKind));
    }

    [Fact]
    public async Task A_key_whose_request_is_in_flight_reads_in_flight_until_its_lock_lapses()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var store = infrastructure.Api.Services.GetRequiredService<IdempotencyStore>();
        var before = TimeProvider.System.GetUtcNow();
        Assert.IsType<ClaimOutcome.Claimed>(await store.ClaimAsync(merchant.Id, "key-in-flight", "fingerprint-of-a-request-still-running"));
        var after = TimeProvider.System.GetUtcNow();

        var (status, key) = await IntrospectAsync(merchant.Client(infrastructure.Api), "key-in-flight");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("in_flight", JsonValueKind.Null, JsonValueKind.Null, JsonValueKind.Null),
            (key.GetProperty("state").GetString(), key.GetProperty("response").ValueKind, key.GetProperty("resource").ValueKind, key.GetProperty("cachedUntil").ValueKind));
        Assert.InRange(key.GetProperty("firstUsedAt").GetDateTimeOffset(), before, after);
        Assert.InRange(key.GetProperty("expiresAt").GetDateTimeOffset(), after, before + TimeSpan.FromSeconds(20.5));
    }

    [Fact]
    public async Task A_lock_written_before_claims_were_timed_reads_in_flight_with_no_first_use()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        await Redis().StringSetAsync(
            CacheKeys.Idempotency(merchant.Id, "key-old-lock"), """{"fingerprint":"f","lockToken":"t","response":null}""", TimeSpan.FromSeconds(20));

        var (status, key) = await IntrospectAsync(merchant.Client(infrastructure.Api), "key-old-lock");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("in_flight", JsonValueKind.Null), (key.GetProperty("state").GetString(), key.GetProperty("firstUsedAt").ValueKind));
    }

    [Fact]
    public async Task A_never_used_key_is_404()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);

        var (status, problem) = await IntrospectAsync(merchant.Client(infrastructure.Api), "key-never-used");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("unknown to this merchant", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_merchants_key_is_404_exactly_as_a_never_used_one()
    {
        var owner = await TestMerchant.CreateAsync(infrastructure);
        var stranger = await TestMerchant.CreateAsync(infrastructure);
        using var created = await owner.Client(infrastructure.Api).PostAsync(PaymentRequests.Valid(), "key-of-the-owner");

        var (status, problem) = await IntrospectAsync(stranger.Client(infrastructure.Api), "key-of-the-owner");
        var (_, neverUsed) = await IntrospectAsync(stranger.Client(infrastructure.Api), "key-nobody-used");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(
            (neverUsed.GetProperty("title").GetString(), neverUsed.GetProperty("detail").GetString()),
            (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString()));
        Assert.Equal(HttpStatusCode.OK, (await IntrospectAsync(owner.Client(infrastructure.Api), "key-of-the-owner")).Status);
    }

    [Fact]
    public async Task A_key_whose_request_was_rejected_is_free_and_404()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        using var rejected = await client.CancelAsync(new Uri($"{PaymentRequests.Path}/{Guid.CreateVersion7()}", UriKind.Relative), new { reason = "duplicate order" }, "key-rejected");
        Assert.Equal(HttpStatusCode.NotFound, rejected.StatusCode);

        var (status, _) = await IntrospectAsync(client, "key-rejected");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task A_cancels_key_names_the_payment_it_cancelled()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        using var created = await merchant.Client(infrastructure.Api).PostAsync(PaymentRequests.Valid(), "key-to-cancel");
        var payment = Assert.Single(await merchant.PaymentsAsync(infrastructure));
        await using (var db = infrastructure.CreateDbContext())
        {
            // A cancel's stored answer as CancelPayment commits it: 200, no Location, the payment as its body.
            db.IdempotencyRecords.Add(new IdempotencyRecord(merchant.Id, "key-cancel", "fingerprint", 200, null, PaymentResource.JsonOf(payment), TimeProvider.System.GetUtcNow()));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var (status, key) = await IntrospectAsync(merchant.Client(infrastructure.Api), "key-cancel");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((200, JsonValueKind.Null, created.Headers.Location!.OriginalString),
            (key.GetProperty("response").GetProperty("status").GetInt32(), key.GetProperty("response").GetProperty("location").ValueKind, key.GetProperty("resource").GetString()));
    }

    [Fact]
    public async Task A_key_with_characters_a_path_reserves_is_found_by_its_percent_encoded_segment()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        const string Key = "order/42?retry=1#%2F 50%";
        using var created = await client.PostAsync(PaymentRequests.Valid(), Key);

        var (status, key) = await IntrospectAsync(client, Key);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((Key, created.Headers.Location!.OriginalString), (key.GetProperty("key").GetString(), key.GetProperty("resource").GetString()));
    }

    [Theory]
    [InlineData("caf%C3%A9")]
    [InlineData("tab%09key")]
    public async Task A_key_the_header_would_refuse_is_400(string segment)
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);

        using var response = await merchant.Client(infrastructure.Api).GetAsync($"/api/v1/idempotency-keys/{segment}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_key_longer_than_the_header_allows_is_400()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);

        var (status, problem) = await IntrospectAsync(merchant.Client(infrastructure.Api), new string('k', IdempotencyKeyHeader.MaxLength + 1));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Invalid Idempotency-Key", problem.GetProperty("title").GetString());
    }

    private IDatabase Redis() => infrastructure.Api.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

    private async Task<IdempotencyRecord> RecordAsync(TestMerchant merchant, string key)
    {
        await using var db = infrastructure.CreateDbContext();
        return await db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.MerchantId == merchant.Id && r.IdempotencyKey == key, TestContext.Current.CancellationToken);
    }

    internal static async Task<(HttpStatusCode Status, JsonElement Body)> IntrospectAsync(HttpClient client, string key)
    {
        using var response = await client.GetAsync($"/api/v1/idempotency-keys/{Uri.EscapeDataString(key)}", TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken));
    }
}

/// <summary>Redis is stopped for real, so this runs with the other Redis outage tests, alone.</summary>
[Collection(nameof(RedisOutage))]
public sealed class IdempotencyKeyIntrospectionWithoutRedisTests(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await infrastructure.StopResourceAsync(ResourceNames.Redis);

    public async ValueTask DisposeAsync() => await infrastructure.StartResourceAsync(ResourceNames.Redis);

    [Fact]
    public async Task Without_redis_a_completed_key_reads_completed_from_postgres()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        using var created = await client.PostAsync(PaymentRequests.Valid(), "key-redis-down");

        var (status, key) = await IdempotencyKeyIntrospectionTests.IntrospectAsync(client, "key-redis-down");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("completed", created.Headers.Location!.OriginalString, JsonValueKind.Null),
            (key.GetProperty("state").GetString(), key.GetProperty("resource").GetString(), key.GetProperty("cachedUntil").ValueKind));
    }
}
