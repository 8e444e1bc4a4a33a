using MiniPg.Core.Caching;
using MiniPg.Core.Merchants;
using MiniPg.Core.Payments;
using StackExchange.Redis;

namespace MiniPg.Api.Payments;

/// <summary>
/// The payment resource as JSON in Redis, for merchants polling <c>GET</c>. A miss or a Redis outage falls back to
/// PostgreSQL; writers of a payment's status delete its entry after they commit.
/// </summary>
public sealed partial class PaymentStatusCache(IConnectionMultiplexer redis, ILogger<PaymentStatusCache> logger)
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(30);

    public async Task<byte[]?> GetAsync(MerchantId merchantId, PaymentId paymentId)
    {
        try
        {
            return await redis.GetDatabase().StringGetAsync(CacheKeys.Payment(merchantId, paymentId));
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogCacheUnavailable(exception);
            return null;
        }
    }

    public async Task SetAsync(MerchantId merchantId, PaymentId paymentId, byte[] resource)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(CacheKeys.Payment(merchantId, paymentId), resource, TimeToLive);
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogCacheUnavailable(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable for the payment status cache; reading PostgreSQL")]
    private partial void LogCacheUnavailable(Exception exception);
}
