using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Acquiring;
using MiniPg.Infrastructure.Caching;
using MiniPg.Infrastructure.Hosting;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Api.Payments;

/// <summary>
/// Finishes cancels whose request did not: the Api crashed between the reservation and the acquirer's answer, or the
/// acquirer did not answer and the merchant never retried. Each reservation older than
/// <see cref="CancellationRecoveryOptions.After"/> is asked of the acquirer again under its own cancellation id (which
/// the acquirer honours once) and completed or released; one the acquirer still does not answer waits for the next round.
/// </summary>
public sealed partial class CancellationRecovery(
    IServiceScopeFactory scopes,
    IOptions<CancellationRecoveryOptions> options,
    TimeProvider time,
    ILogger<CancellationRecovery> logger) : RecurringJob(time, logger)
{
    private const int BatchSize = 50;

    protected override TimeSpan Interval => options.Value.Interval;

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => RecoverAsync(cancellationToken);

    /// <summary>One round: returns how many reservations were completed or released.</summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MiniPgDbContext>();
        var cutoff = Time.GetUtcNowForStorage() - options.Value.After;
        var paymentIds = await db.Payments.AsNoTracking()
            .Where(payment => payment.CancellationReservations.Any(reservation => reservation.ReservedAt < cutoff))
            .Select(payment => payment.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var resolved = 0;
        foreach (var paymentId in paymentIds)
        {
            resolved += await RecoverPaymentAsync(scope.ServiceProvider, paymentId, cutoff, cancellationToken);
        }

        return resolved;
    }

    private async Task<int> RecoverPaymentAsync(IServiceProvider services, PaymentId paymentId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<MiniPgDbContext>();
        var acquirer = services.GetRequiredService<RecordedAcquirer>();
        db.ChangeTracker.Clear();
        var payment = await db.Payments.SingleAsync(p => p.Id == paymentId, cancellationToken);
        var resolved = 0;
        foreach (var reservation in payment.CancellationReservations.Where(r => r.ReservedAt < cutoff).ToList())
        {
            var outcome = await ReservedCancels.ResolveAsync(payment, reservation, acquirer, cancellationToken);
            if (outcome is not CancellationOutcome.Unknown)
            {
                resolved++;
                LogResolved(Logger, payment.Id, reservation.Id, outcome is CancellationOutcome.Cancelled ? "completed" : "released");
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The merchant's retry recorded the same acquirer answer first (and its own call with it).
            return 0;
        }

        await services.GetRequiredService<PaymentResourceCache>().SetAsync(payment, PaymentResource.JsonOf(payment));
        return resolved;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentId}: unfinished cancel {CancellationId} {Result} by the recovery")]
    private static partial void LogResolved(ILogger logger, PaymentId paymentId, Guid cancellationId, string result);
}
