using System.Globalization;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Cards;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Infrastructure.Acquiring;

/// <summary>
/// The acquirer calls a payment's timeline shows: each call made through <see cref="IAcquirerClient"/> and added to the
/// <see cref="MiniPgDbContext"/> as a <see cref="PaymentActivity"/> with its start, latency, outcome and a short detail,
/// so the caller's next <c>SaveChanges</c> writes it with the effect of the answer, in the same round trip. Nothing is
/// saved here: a caller that has no effect to save (an unknown answer) saves the calls on their own. No card data is
/// ever part of a call's record. Scoped, like the context it adds to.
/// </summary>
public sealed class RecordedAcquirer(IAcquirerClient acquirer, MiniPgDbContext db, TimeProvider time)
{
    public Task<ApprovalOutcome> ApproveAsync(Payment payment, CardDetails card, int? attempt, CancellationToken cancellationToken) =>
        RecordAsync(
            payment.Id,
            PaymentActivityKinds.AcquirerApprove,
            attempt,
            () => acquirer.ApproveAsync(payment.Id, payment.MerchantId, payment.Amount, card, cancellationToken),
            Describe);

    public Task<ApprovalOutcome> InquireAsync(PaymentId paymentId, int? attempt, CancellationToken cancellationToken) =>
        RecordAsync(paymentId, PaymentActivityKinds.AcquirerInquire, attempt, () => acquirer.InquireAsync(paymentId, cancellationToken), Describe);

    /// <summary>A net cancellation (망취소). Only for a payment MiniPg has: its record refers to the payment's row.</summary>
    public Task<ApprovalOutcome> VoidAsync(PaymentId paymentId, int? attempt, CancellationToken cancellationToken) =>
        RecordAsync(paymentId, PaymentActivityKinds.AcquirerVoid, attempt, () => acquirer.VoidAsync(paymentId, cancellationToken), Describe);

    public Task<CancellationOutcome> CancelAsync(Payment payment, CancellationReservation reservation, CancellationToken cancellationToken) =>
        RecordAsync(
            payment.Id,
            PaymentActivityKinds.AcquirerCancel,
            null,
            () => acquirer.CancelAsync(payment.Id, reservation.Id, reservation.Amount, reservation.Reason, cancellationToken),
            outcome => Describe(outcome, reservation));

    private async Task<TOutcome> RecordAsync<TOutcome>(
        PaymentId paymentId, string kind, int? attempt, Func<Task<TOutcome>> call, Func<TOutcome, (string Outcome, string? Detail)> describe)
    {
        var startedAt = time.GetUtcNowForStorage();
        var started = time.GetTimestamp();
        var outcome = await call();
        var elapsed = time.GetElapsedTime(started);
        var (text, detail) = describe(outcome);
        db.PaymentActivities.Add(PaymentActivity.AcquirerCall(paymentId, kind, startedAt, elapsed, text, detail, attempt));
        return outcome;
    }

    private static (string Outcome, string? Detail) Describe(ApprovalOutcome outcome) => outcome switch
    {
        ApprovalOutcome.Approved approved => (AcquirerCallOutcomes.Approved, $"transaction {approved.TransactionId}"),
        ApprovalOutcome.Declined declined => (AcquirerCallOutcomes.Declined, $"{declined.Code}: {declined.Message}"),
        ApprovalOutcome.NotCharged notCharged => (AcquirerCallOutcomes.NotCharged, $"the acquirer reports it {notCharged.Status}"),
        ApprovalOutcome.NotFound => (AcquirerCallOutcomes.NotFound, "the acquirer has no record of the request"),
        ApprovalOutcome.Unknown unknown => (AcquirerCallOutcomes.Unknown, unknown.Reason),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown approval outcome."),
    };

    private static (string Outcome, string? Detail) Describe(CancellationOutcome outcome, CancellationReservation reservation)
    {
        var cancel = $"cancellation {reservation.Id} of {reservation.Amount.Value.ToString("N0", CultureInfo.InvariantCulture)} won";
        return outcome switch
        {
            CancellationOutcome.Cancelled cancelled =>
                (AcquirerCallOutcomes.Cancelled, $"{cancel}; {cancelled.RemainingAmount.ToString("N0", CultureInfo.InvariantCulture)} won remains at the acquirer"),
            CancellationOutcome.Refused refused => (AcquirerCallOutcomes.Refused, $"{cancel}: {refused.Reason}"),
            CancellationOutcome.Unknown unknown => (AcquirerCallOutcomes.Unknown, $"{cancel}: {unknown.Reason}"),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown cancellation outcome."),
        };
    }
}

/// <summary>The outcome of an acquirer call as its <see cref="PaymentActivity"/> records it.</summary>
public static class AcquirerCallOutcomes
{
    public const string Approved = "APPROVED";
    public const string Declined = "DECLINED";

    /// <summary>Net-cancelled, or voided before the acquirer saw it: the card is not charged.</summary>
    public const string NotCharged = "NOT_CHARGED";
    public const string NotFound = "NOT_FOUND";

    /// <summary>A timeout or an outage: the card may or may not be charged.</summary>
    public const string Unknown = "UNKNOWN";
    public const string Cancelled = "CANCELLED";
    public const string Refused = "REFUSED";
}
