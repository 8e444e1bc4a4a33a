using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Reconciliation;

namespace MiniPg.Domain.Tests.Reconciliation;

/// <summary>Lines of one day on either side, as the classifier receives them.</summary>
internal static class ReconciliationInputs
{
    public static readonly Guid Merchant = Guid.Parse("0198c0de-0000-7000-8000-0000000000aa");
    public static readonly DateTimeOffset At = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);

    public static OurTransaction OurApproval(Guid paymentId, long amount = 10_000, PaymentStatus status = PaymentStatus.Approved, long cancelled = 0) =>
        new(TransactionKind.Approval, new PaymentId(paymentId), null, new Won(amount), status, new Won(cancelled));

    public static OurTransaction OurCancellation(Guid paymentId, Guid cancellationId, long amount, long paymentCancelled) =>
        new(TransactionKind.Cancellation, new PaymentId(paymentId), cancellationId, new Won(amount), PaymentStatus.Approved, new Won(paymentCancelled));

    public static AcquirerTransaction TheirApproval(Guid paymentId, long amount = 10_000) =>
        new(AcquirerTransaction.Approval, paymentId, $"acq_{paymentId:N}", null, Merchant, amount, At);

    public static AcquirerTransaction TheirCancellation(Guid paymentId, Guid cancellationId, long amount) =>
        new(AcquirerTransaction.Cancellation, paymentId, $"acq_{paymentId:N}", cancellationId, Merchant, amount, At.AddMinutes(1));
}
