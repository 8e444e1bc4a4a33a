using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Acquiring;

namespace MiniPg.Api.Payments;

/// <summary>
/// Asks the acquirer to make a reserved cancel and records its answer on the payment: confirmed, the reservation
/// becomes a cancellation; refused, it is released; unknown, it stays for the merchant's retry or for
/// <see cref="CancellationRecovery"/>. The acquirer cancels once per cancellation id, so asking again is safe. The call is
/// recorded for the payment's timeline and saved with the caller's next save.
/// </summary>
public static class ReservedCancels
{
    public static async Task<CancellationOutcome> ResolveAsync(Payment payment, CancellationReservation reservation, RecordedAcquirer acquirer, CancellationToken cancellationToken)
    {
        var outcome = await acquirer.CancelAsync(payment, reservation, cancellationToken);
        switch (outcome)
        {
            case CancellationOutcome.Cancelled done:
                payment.CompleteCancellation(reservation.Id, done.CancelledAt);
                break;
            case CancellationOutcome.Refused:
                payment.ReleaseCancellation(reservation.Id);
                break;
        }

        return outcome;
    }
}
