using Microsoft.Extensions.Logging;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Payments;
using StackExchange.Redis;

namespace MiniPg.Infrastructure.Caching;

/// <summary>
/// Each payment's resource as JSON in Redis, for merchants polling <c>GET</c>. Every entry carries the payment's
/// revision and a write only lands if it is newer (a Lua compare-and-set), so a reader that loaded an old row can
/// never overwrite the Processor's fresher copy. A miss or a Redis outage falls back to PostgreSQL. A writer that
/// changes many payments at once fences them instead of writing each one (<see cref="FenceAsync"/>).
/// </summary>
public sealed partial class PaymentResourceCache(IConnectionMultiplexer redis, ILogger<PaymentResourceCache> logger)
{
    /// <summary>
    /// KEYS[1] is the merchant's fences, then one key per payment; ARGV[1] the time to live, then each payment's id and
    /// new revision. Fences all of them, then answers the ids of those cached at an older revision.
    /// </summary>
    private const string FenceAndFindStale =
        """
        local fences = {}
        for i = 2, #KEYS do
          fences[#fences + 1] = ARGV[2 * i - 2]
          fences[#fences + 1] = ARGV[2 * i - 1]
        end
        redis.call('HSET', KEYS[1], unpack(fences))
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        local stale = {}
        for i = 2, #KEYS do
          local current = redis.call('HGET', KEYS[i], 'revision')
          if current and tonumber(current) < tonumber(ARGV[2 * i - 1]) then
            stale[#stale + 1] = ARGV[2 * i - 2]
          end
        end
        return stale
        """;

    /// <summary>Few enough payments per script call to keep Redis free for others between calls (and within Lua's unpack limit).</summary>
    private const int FencesPerCall = 500;

    private static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(5);

    private static readonly LuaScript SetIfNewer = LuaScript.Prepare(
        """
        local current = redis.call('HGET', @key, 'revision')
        if current and tonumber(current) >= tonumber(@revision) then return 0 end
        local fenced = redis.call('HGET', @fences, @id)
        if fenced and tonumber(fenced) > tonumber(@revision) then return 0 end
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
                fences = (RedisKey)CacheKeys.PaymentFences(payment.MerchantId),
                id = payment.Id.ToString(),
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
    /// For a writer that just committed new revisions of many of a merchant's payments (settlement): records each new
    /// revision as a fence, below which <see cref="SetAsync"/> refuses a copy, so a reader that loaded a row before the
    /// commit cannot cache it afterwards; and returns the payments Redis holds an older copy of, which the writer
    /// must <see cref="SetAsync"/> itself. A payment not cached costs a hash field, not a copy of its resource. Empty
    /// when Redis is unavailable (PostgreSQL answers then).
    /// </summary>
    public async Task<List<PaymentId>> FenceAsync(MerchantId merchantId, IReadOnlyList<PaymentRevision> payments)
    {
        try
        {
            var database = redis.GetDatabase();
            var fences = (RedisKey)CacheKeys.PaymentFences(merchantId);
            var ttl = (long)TimeToLive.TotalMilliseconds;
            var stale = new List<PaymentId>();
            foreach (var chunk in payments.Chunk(FencesPerCall))
            {
                var answer = await database.ScriptEvaluateAsync(
                    FenceAndFindStale,
                    [fences, .. chunk.Select(payment => (RedisKey)CacheKeys.Payment(merchantId, payment.PaymentId))],
                    [ttl, .. chunk.SelectMany(payment => new RedisValue[] { payment.PaymentId.ToString(), payment.Revision })]);
                stale.AddRange(((string?[]?)answer ?? []).OfType<string>().Select(id => new PaymentId(Guid.Parse(id))));
            }

            return stale;
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            LogCacheUnavailable(exception);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable for the payment cache; PostgreSQL answers")]
    private partial void LogCacheUnavailable(Exception exception);
}
