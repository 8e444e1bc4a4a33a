using MiniPg.Domain.Merchants;
using MiniPg.Domain.Payments;

namespace MiniPg.Infrastructure.Caching;

/// <summary>One payment's resource JSON for <see cref="PaymentResourceCache.SetManyAsync"/>, at the revision it shows.</summary>
public sealed record CachedPaymentResource(MerchantId MerchantId, PaymentId PaymentId, int Revision, byte[] Body);
