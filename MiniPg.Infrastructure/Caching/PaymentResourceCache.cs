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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable for the payment cache; PostgreSQL answers")]
    private partial void LogCacheUnavailable(Exception exception);
}
