using MiniPg.Domain.Merchants;
using MiniPg.Domain.Payments;

namespace MiniPg.Infrastructure.Caching;

/// <summary>Every Redis key MiniPg writes. A payment's key includes its merchant, so another merchant can never hit it.</summary>
public static class CacheKeys
{
    public static string Payment(MerchantId merchantId, PaymentId paymentId) => $"minipg:payment:{merchantId}:{paymentId}";

    /// <summary>A merchant's fences: payment id → the revision below which no cached copy may land (<c>PaymentResourceCache.FenceAsync</c>).</summary>
    public static string PaymentFences(MerchantId merchantId) => $"minipg:payment-fences:{merchantId}";

    public static string Idempotency(MerchantId merchantId, string idempotencyKey) => $"minipg:idempotency:{merchantId}:{idempotencyKey}";
}
