using MiniPg.Domain.Merchants;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Reconciliation;
using MiniPg.Infrastructure.Cards;

namespace MiniPg.Infrastructure.Acquiring;

/// <summary>The card acquirer, as MiniPg needs it. Every call is idempotent at the acquirer by our ids.</summary>
public interface IAcquirerClient
{
    Task<ApprovalOutcome> ApproveAsync(PaymentId paymentId, MerchantId merchantId, Won amount, CardDetails card, CancellationToken cancellationToken);

    /// <summary>Asks what became of an approval whose answer we never got.</summary>
    Task<ApprovalOutcome> InquireAsync(PaymentId paymentId, CancellationToken cancellationToken);

    /// <summary>Net cancellation (망취소): cancel it if it was approved, refuse it for ever if it was not yet seen.</summary>
    Task<ApprovalOutcome> VoidAsync(PaymentId paymentId, CancellationToken cancellationToken);

    Task<CancellationOutcome> CancelAsync(PaymentId paymentId, Guid cancellationId, Won amount, string reason, CancellationToken cancellationToken);

    /// <summary>
    /// The acquirer's ledger for a KST date (approvals and cancellations, voids included), for reconciliation. An
    /// operator action, not a hot path: a failed call throws instead of becoming an outcome.
    /// </summary>
    Task<IReadOnlyList<AcquirerTransaction>> ExportAsync(DateOnly businessDate, CancellationToken cancellationToken);
}
