using MiniPg.Domain.Merchants;
using MiniPg.Domain.Payments;

namespace MiniPg.Infrastructure.Caching;

/// <summary>Every Redis key MiniPg writes. A payment's key includes its merchant, so another merchant can never hit it.</summary>
public static class CacheKeys
{
    public static string Payment(MerchantId merchantId, PaymentId paymentId) => $"minipg:payment:{merchantId}:{paymentId}";

    public static string Idempotency(MerchantId merchantId, string idempotencyKey) => $"minipg:idempotency:{merchantId}:{idempotencyKey}";
}
