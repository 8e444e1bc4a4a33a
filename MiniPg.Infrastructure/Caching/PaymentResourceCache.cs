using Microsoft.Extensions.Logging;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Payments;
using StackExchange.Redis;

namespace MiniPg.Infrastructure.Caching;

/// <summary>
/// Each payment's resource as JSON in Redis, for merchants polling <c>GET</c>. Every entry carries the payment's
/// revision and a write only lands if it is newer (a Lua compare-and-set), so a reader that loaded an old row can
/// never overwrite the Processor's fresher copy. A miss or a Redis outage falls back to PostgreSQL.
/// </summary>
public sealed partial class PaymentResourceCache(IConnectionMultiplexer redis, ILogger<PaymentResourceCache> logger)
{
    /// <summary>
    /// <see cref="SetIfNewer"/> for many payments, one script call per <see cref="ManyPerCall"/> of them (KEYS are the
    /// payments' keys; ARGV is the time to live, then each one's revision and body).
    /// </summary>
    private const string SetEachIfNewer =
        """
        for i, key in ipairs(KEYS) do
          local current = redis.call('HGET', key, 'revision')
          if not current or tonumber(current) < tonumber(ARGV[2 * i]) then
            redis.call('HSET', key, 'revision', ARGV[2 * i], 'body', ARGV[2 * i + 1])
            redis.call('PEXPIRE', key, ARGV[1])
          end
        end
        return 0
        """;

    /// <summary>Enough payments per call to make the call's own cost small, few enough to keep Redis free for others between calls.</summary>
    private const int ManyPerCall = 500;

    private static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(5);

    private static readonly LuaScript SetIfNewer = LuaScript.Prepare(
        """
        local current = redis.call('HGET', @key, 'revision')
        if current and tonumber(current) >= tonumber(@revision) then return 0 end
        redis.call('HSET', @key, 'revision', @revision, 'body', @body)
        redis.call('PEXPIRE', @key, @ttl)
        return 1
        """);

    public async Task<byte[]?> GetAsync(MerchantId merchantId, PaymentId paymentId)
    {
        try
        {
            return await redis.GetDatabase().HashGetAsync(CacheKeys.Payment(merchantId, paymentId), "body");
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogCacheUnavailable(exception);
            return null;
        }
    }

    public async Task SetAsync(Payment payment, byte[] resource)
    {
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(SetIfNewer, new
            {
                key = (RedisKey)CacheKeys.Payment(payment.MerchantId, payment.Id),
                revision = payment.Revision,
                body = resource,
                ttl = (long)TimeToLive.TotalMilliseconds,
            });
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogCacheUnavailable(exception);
        }
    }

    /// <summary>
    /// The same compare-and-set as <see cref="SetAsync"/> for each entry, in a few pipelined script calls instead of one
    /// call per payment: for a writer that changed many payments at once (settlement).
    /// </summary>
    public async Task SetManyAsync(IReadOnlyList<CachedPaymentResource> resources)
    {
        try
        {
            var database = redis.GetDatabase();
            await Task.WhenAll(resources.Chunk(ManyPerCall).Select(chunk => database.ScriptEvaluateAsync(
                SetEachIfNewer,
                [.. chunk.Select(resource => (RedisKey)CacheKeys.Payment(resource.MerchantId, resource.PaymentId))],
                [(long)TimeToLive.TotalMilliseconds, .. chunk.SelectMany(resource => new RedisValue[] { resource.Revision, resource.Body })])));
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogCacheUnavailable(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable for the payment cache; PostgreSQL answers")]
    private partial void LogCacheUnavailable(Exception exception);
}
