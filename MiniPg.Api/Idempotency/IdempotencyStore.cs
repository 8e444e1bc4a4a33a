using System.Text.Json;
using Microsoft.Extensions.Options;
using MiniPg.Api.Http;
using MiniPg.Domain.Merchants;
using MiniPg.Infrastructure.Caching;
using StackExchange.Redis;

namespace MiniPg.Api.Idempotency;

/// <summary>
/// The Redis side of idempotency. A claim is one atomic <c>SET NX GET</c>; completing or releasing a claim is a
/// compare-and-set / compare-and-delete in Lua, so a request whose lock expired can never overwrite its successor.
/// Every call degrades to "unavailable" instead of failing the request: Redis is the fast path, not the guard.
/// </summary>
public sealed partial class IdempotencyStore(IConnectionMultiplexer redis, IOptions<IdempotencyOptions> options, TimeProvider time, ILogger<IdempotencyStore> logger)
{
    private static readonly LuaScript ReplaceIfHeld = LuaScript.Prepare(
        "if redis.call('GET', @key) == @expected then return redis.call('SET', @key, @replacement, 'PX', @ttl) end return false");

    private static readonly LuaScript DeleteIfHeld = LuaScript.Prepare(
        "if redis.call('GET', @key) == @expected then return redis.call('DEL', @key) end return 0");

    public async Task<ClaimOutcome> ClaimAsync(MerchantId merchantId, string idempotencyKey, string fingerprint)
    {
        var lockValue = Serialize(new CachedIdempotencyEntry(fingerprint, Guid.NewGuid().ToString("N"), null, time.GetUtcNow()));
        try
        {
            var previous = await redis.GetDatabase().StringSetAndGetAsync(
                CacheKeys.Idempotency(merchantId, idempotencyKey), lockValue, options.Value.InFlightLockTimeToLive, keepTtl: false, When.NotExists);
            return previous.IsNull
                ? new ClaimOutcome.Claimed(lockValue)
                : new ClaimOutcome.Taken(JsonSerializer.Deserialize((string)previous!, ApiJson.Default.CachedIdempotencyEntry)!);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogRedisUnavailable(exception, "claim");
            return new ClaimOutcome.RedisUnavailable();
        }
    }

    /// <summary>Replaces our lock with the response; with no lock (Redis was down, or PostgreSQL already had the answer) it just writes it.</summary>
    public async Task CompleteAsync(MerchantId merchantId, string idempotencyKey, string? lockValue, string fingerprint, StoredResponse response)
    {
        var key = CacheKeys.Idempotency(merchantId, idempotencyKey);
        var completed = Serialize(new CachedIdempotencyEntry(fingerprint, null, response));
        var retention = options.Value.ResponseRetention;
        try
        {
            var database = redis.GetDatabase();
            if (lockValue is null)
            {
                await database.StringSetAsync(key, completed, retention);
                return;
            }

            await database.ScriptEvaluateAsync(ReplaceIfHeld, new { key = (RedisKey)key, expected = lockValue, replacement = completed, ttl = (long)retention.TotalMilliseconds });
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogRedisUnavailable(exception, "complete");
        }
    }

    /// <summary>Gives the key back after a request failed before committing, so the client's retry is not a 409.</summary>
    public async Task ReleaseAsync(MerchantId merchantId, string idempotencyKey, string lockValue)
    {
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(DeleteIfHeld, new { key = (RedisKey)CacheKeys.Idempotency(merchantId, idempotencyKey), expected = lockValue });
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogRedisUnavailable(exception, "release");
        }
    }

    /// <summary>
    /// What Redis holds for a key now, and for how much longer: a lock or a completed response. Null when it holds
    /// nothing or did not answer; either way PostgreSQL's record is what a caller relies on.
    /// </summary>
    public async Task<(CachedIdempotencyEntry Entry, TimeSpan? TimeToLive)?> PeekAsync(MerchantId merchantId, string idempotencyKey)
    {
        try
        {
            var held = await redis.GetDatabase().StringGetWithExpiryAsync(CacheKeys.Idempotency(merchantId, idempotencyKey));
            return held.Value.IsNull ? null : (JsonSerializer.Deserialize((string)held.Value!, ApiJson.Default.CachedIdempotencyEntry)!, held.Expiry);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogRedisUnavailable(exception, "read");
            return null;
        }
    }

    private static string Serialize(CachedIdempotencyEntry entry) => JsonSerializer.Serialize(entry, ApiJson.Default.CachedIdempotencyEntry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable for idempotency {Operation}; PostgreSQL's unique key still guards")]
    private partial void LogRedisUnavailable(Exception exception, string operation);
}
