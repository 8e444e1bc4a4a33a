using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;

namespace MiniPg.Domain.Reconciliation;

/// <summary>
/// One key of the day and its class. Amounts are null on the side that lacks the key, and summed over a duplicate's
/// lines. <see cref="Resolution"/> says what ghost resolution did about it, if anything.
/// </summary>
public sealed record ReconciliationEntry(
    ReconciliationClass Class,
    TransactionKind Kind,
    PaymentId PaymentId,
    Guid? CancellationId,
    Won? OurAmount,
    Won? TheirAmount,
    PaymentStatus? OurStatus,
    string Explanation,
    string? Resolution = null);
