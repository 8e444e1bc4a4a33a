using System.Globalization;
using MiniPg.Domain;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Settlement;
using MiniPg.Domain.Webhooks;
using MiniPg.Infrastructure.Acquiring;

namespace MiniPg.Api.Payments;

/// <summary>One settlement item of a payment with what the timeline shows of its line and run.</summary>
public sealed record SettledItem(SettlementItem Item, DateOnly PayoutDate, SettlementRunStatus RunStatus, DateTimeOffset RunStartedAt, DateTimeOffset? RunCompletedAt);

/// <summary>
/// Merges what is recorded about a payment into its <see cref="PaymentTimeline"/>, in time order. Entries at the same
/// instant keep a fixed order, so a timeline reads the same on every call: first the payment's own changes (requested,
/// approved, failed, cancels held, cancels made, settled), then its activities in the order they were recorded, then its
/// settlement items, then its webhook deliveries (oldest first, each followed by its attempts in order).
/// </summary>
public static class PaymentTimelineBuilder
{
    public static PaymentTimeline Build(
        Payment payment, IEnumerable<PaymentActivity> activities, IEnumerable<SettledItem> settlement, IEnumerable<WebhookDelivery> deliveries)
    {
        List<TimelineEntry> entries =
        [
            .. StateChanges(payment),
            .. activities.OrderBy(activity => activity.Id).Select(Describe),
            .. settlement.Select(settled => Describe(settled, payment)),
            .. deliveries.OrderBy(delivery => delivery.CreatedAt).ThenBy(delivery => delivery.Id).SelectMany(Describe),
        ];

        // OrderBy is a stable sort: entries at the same instant stay in the order above.
        return new PaymentTimeline(payment.Id.Value, WireNames.Of(payment.Status), [.. entries.OrderBy(entry => entry.At)]);
    }

    private static IEnumerable<TimelineEntry> StateChanges(Payment payment)
    {
        yield return new RequestedEntry(
            payment.RequestedAt,
            $"The merchant requested {InWon(payment.Amount)} for order {payment.OrderId}.",
            payment.OrderId,
            payment.Amount.Value,
            Won.CurrencyCode);

        if (payment is { ApprovedAt: { } approvedAt, AcquirerTransactionId: { } transactionId })
        {
            yield return new ApprovedEntry(approvedAt, $"The acquirer approved the payment as transaction {transactionId}.", transactionId);
        }

        if (payment is { FailedAt: { } failedAt, Failure: { } failure })
        {
            yield return new FailedEntry(failedAt, $"The payment failed ({failure.Code}): {failure.Message}", failure.Code, failure.Message);
        }

        foreach (var reservation in payment.CancellationReservations.OrderBy(reservation => reservation.ReservedAt))
        {
            yield return new CancellationReservedEntry(
                reservation.ReservedAt,
                $"A cancel of {InWon(reservation.Amount)} is held while the acquirer is asked to make it (reason: {reservation.Reason}).",
                reservation.Id,
                reservation.Amount.Value,
                reservation.Reason);
        }

        var remaining = payment.Amount;
        foreach (var cancellation in payment.Cancellations.OrderBy(cancellation => cancellation.CancelledAt))
        {
            remaining -= cancellation.Amount;
            yield return new CancellationCompletedEntry(
                cancellation.CancelledAt,
                $"The acquirer cancelled {InWon(cancellation.Amount)} (reason: {cancellation.Reason}); {InWon(remaining)} remains.",
                cancellation.Id,
                cancellation.Amount.Value,
                cancellation.Reason,
                remaining.Value);
        }

        if (payment.SettledAt is { } settledAt)
        {
            yield return new SettledEntry(settledAt, "The payment was settled.");
        }
    }

    private static TimelineEntry Describe(PaymentActivity activity)
    {
        var latency = activity.DurationMs ?? 0;
        return activity.Kind switch
        {
            PaymentActivityKinds.AcquirerApprove => new AcquirerApproveEntry(
                activity.OccurredAt, CallTitle("The acquirer was asked to approve the payment", activity), activity.Outcome ?? string.Empty, activity.Detail, latency, activity.Attempt),
            PaymentActivityKinds.AcquirerInquire => new AcquirerInquireEntry(
                activity.OccurredAt, CallTitle("The acquirer was asked what became of the approval", activity), activity.Outcome ?? string.Empty, activity.Detail, latency, activity.Attempt),
            PaymentActivityKinds.AcquirerVoid => new AcquirerVoidEntry(
                activity.OccurredAt, CallTitle("The acquirer was asked to net-cancel (void) the approval", activity), activity.Outcome ?? string.Empty, activity.Detail, latency, activity.Attempt),
            PaymentActivityKinds.AcquirerCancel => new AcquirerCancelEntry(
                activity.OccurredAt, CallTitle("The acquirer was asked to make a cancel", activity), activity.Outcome ?? string.Empty, activity.Detail, latency, activity.Attempt),
            PaymentActivityKinds.RetryScheduled => new RetryScheduledEntry(
                activity.OccurredAt,
                $"Processing attempt {activity.Attempt} was scheduled to run {Milliseconds(activity.DurationMs ?? 0)} later ({activity.Detail}).",
                activity.Attempt,
                activity.DueAt,
                activity.Detail),
            PaymentActivityKinds.DeadLettered => new DeadLetteredEntry(
                activity.OccurredAt,
                $"Processing set the request aside (dead-lettered) at attempt {activity.Attempt}: {activity.Detail}",
                activity.Attempt,
                activity.Detail),
            PaymentActivityKinds.Replayed => new ReplayedEntry(
                activity.OccurredAt, "An operator sent the set-aside request back to be processed again.", activity.Detail),
            PaymentActivityKinds.StuckResolved => new StuckResolvedEntry(
                activity.OccurredAt, $"The stuck-payment janitor settled the payment left REQUESTED: it is {activity.Outcome} now.", activity.Outcome, activity.Detail),
            _ => new ActivityEntry(
                activity.OccurredAt, $"{activity.Kind}: {activity.Outcome}.", activity.Kind, activity.Outcome, activity.Detail, activity.DurationMs, activity.Attempt),
        };
    }

    private static string CallTitle(string call, PaymentActivity activity)
    {
        var attempt = activity.Attempt is { } number ? $" (processing attempt {number})" : string.Empty;
        var outcome = activity.Outcome switch
        {
            AcquirerCallOutcomes.Approved => "it approved",
            AcquirerCallOutcomes.Declined => "it declined",
            AcquirerCallOutcomes.NotCharged => "the card is not charged",
            AcquirerCallOutcomes.NotFound => "it had no record of the request",
            AcquirerCallOutcomes.Unknown => "no answer came, so the outcome was unknown",
            AcquirerCallOutcomes.Cancelled => "it cancelled",
            AcquirerCallOutcomes.Refused => "it refused, and the held amount can be cancelled again",
            var other => $"it answered {other}",
        };
        return $"{call}{attempt}: {outcome} after {Milliseconds(activity.DurationMs ?? 0)}.";
    }

    private static SettlementEntry Describe(SettledItem settled, Payment payment)
    {
        var item = settled.Item;
        var taken = item.Kind == SettlementItemKind.Approval && payment.SettledAt is { } settledAt
            ? settledAt
            : Max(settled.RunCompletedAt ?? settled.RunStartedAt, item.OccurredAt);
        var fee = item.SupplyFee + item.Vat;
        var what = item.Kind == SettlementItemKind.Approval ? $"The payment's {InWon(item.Amount)}" : $"The cancel of {InWon(Won.Zero - item.Amount)}";
        var runStatus = WireNames.Of(settled.RunStatus);
        return new SettlementEntry(
            taken,
            $"{what} was settled for business date {Date(item.BusinessDate)} (run {runStatus}): fee {InWon(fee)} incl. VAT {InWon(item.Vat)}, net {InWon(item.Net)}, paid out on {Date(settled.PayoutDate)}.",
            WireNames.Of(item.Kind),
            item.CancellationId,
            item.BusinessDate,
            runStatus,
            settled.PayoutDate,
            item.Amount.Value,
            fee.Value,
            item.Vat.Value,
            item.Net.Value);
    }

    private static IEnumerable<TimelineEntry> Describe(WebhookDelivery delivery)
    {
        var status = WireNames.Of(delivery.Status);
        yield return new WebhookDeliveryEntry(
            delivery.CreatedAt,
            $"A {delivery.EventType} webhook was queued for endpoint {delivery.EndpointId}; it is {status} after {Count(delivery.AttemptCount, "attempt")}.",
            delivery.Id,
            delivery.EndpointId,
            delivery.EventId,
            delivery.EventType,
            status,
            delivery.AttemptCount,
            delivery.NextAttemptAt,
            delivery.DeliveredAt);

        foreach (var attempt in delivery.Attempts.OrderBy(attempt => attempt.Number))
        {
            var answer = attempt.StatusCode is { } code ? $"the endpoint answered {code}" : $"no answer came ({attempt.Error})";
            yield return new WebhookAttemptEntry(
                attempt.AttemptedAt,
                $"Attempt {attempt.Number} of the {delivery.EventType} webhook to endpoint {delivery.EndpointId}: {answer} after {Milliseconds(attempt.DurationMs)}.",
                delivery.Id,
                delivery.EndpointId,
                delivery.EventType,
                attempt.Number,
                attempt.StatusCode,
                attempt.Error,
                attempt.DurationMs,
                attempt.Succeeded);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset first, DateTimeOffset second) => first >= second ? first : second;

    private static string InWon(Won amount) => $"{amount.Value.ToString("N0", CultureInfo.InvariantCulture)} won";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Milliseconds(int milliseconds) => $"{milliseconds.ToString("N0", CultureInfo.InvariantCulture)} ms";

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count.ToString(CultureInfo.InvariantCulture)} {noun}s";
}
