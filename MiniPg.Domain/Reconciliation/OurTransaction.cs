using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;

namespace MiniPg.Domain.Reconciliation;

/// <summary>
/// What we recorded for a KST day, with the payment's status now. An <see cref="TransactionKind.Approval"/> is a payment
/// approved that day whatever became of it since; one whose payment is still REQUESTED or FAILED stands for a payment
/// we never approved but the acquirer's export names, so the classifier can tell a status mismatch from a ghost.
/// </summary>
public sealed record OurTransaction(
    TransactionKind Kind,
    PaymentId PaymentId,
    Guid? CancellationId,
    Won Amount,
    PaymentStatus PaymentStatus,
    Won PaymentCancelledAmount)
{
    public bool IsApproved => PaymentStatus is not (PaymentStatus.Requested or PaymentStatus.Failed);

    public static OurTransaction ApprovalOf(Payment payment) =>
        new(TransactionKind.Approval, payment.Id, null, payment.Amount, payment.Status, payment.CancelledAmount);

    public static OurTransaction CancellationOf(Payment payment, PaymentCancellation cancellation) =>
        new(TransactionKind.Cancellation, payment.Id, cancellation.Id, cancellation.Amount, payment.Status, payment.CancelledAmount);
}
