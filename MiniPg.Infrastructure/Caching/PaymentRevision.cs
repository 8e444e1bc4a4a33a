using MiniPg.Domain.Payments;

namespace MiniPg.Infrastructure.Caching;

/// <summary>A payment and the revision a writer just committed, for <see cref="PaymentResourceCache.FenceAsync"/>.</summary>
public sealed record PaymentRevision(PaymentId PaymentId, int Revision);
