using Microsoft.EntityFrameworkCore;
using MiniPg.Domain.Calendar;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Reconciliation;
using MiniPg.Infrastructure.Acquiring;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Settlement.Reconciliation;

/// <summary>
/// Reconciles one KST date (대사): the acquirer's export against our approvals and cancellations of that date, and
/// optionally resolves ghost approvals by net cancellation (docs/decisions/0015-ghost-approvals.md). A ghost void of a
/// payment MiniPg has is recorded on that payment's timeline.
/// </summary>
public sealed partial class ReconciliationRunner(MiniPgDbContext db, IAcquirerClient acquirer, TimeProvider time, ILogger<ReconciliationRunner> logger)
{
    private readonly RecordedAcquirer _recorded = new(acquirer, db, time);

    public const string Voided = "voided";
    public const string InFlight = "in flight: the Processor will record or void it";

    public async Task<ReconciliationReport> ReconcileAsync(DateOnly date, bool resolveGhosts, CancellationToken cancellationToken)
    {
        if (!BusinessCalendar.HasClosed(date, time.GetUtcNow()))
        {
            LogDayStillOpen(date);
        }

        // The export first, then our side: we record an approval only after the acquirer made it, so reading ours last
        // gives an approval in flight the longest time to land at ours instead of showing as a ghost.
        var theirs = await acquirer.ExportAsync(date, cancellationToken);
        var ours = await OursAsync(date, theirs, cancellationToken);
        var report = ReconciliationMatcher.Classify(ours, theirs);
        if (resolveGhosts)
        {
            report = await ResolveGhostsAsync(report, cancellationToken);
        }

        LogReconciled(date, report.Counts[ReconciliationClass.Matched], report.Entries.Count - report.Counts[ReconciliationClass.Matched]);
        return report;
    }

    /// <summary>
    /// Approvals and cancellations of the date, plus the payments the export names that we never approved
    /// (REQUESTED or FAILED), so a ghost of a payment we know is told apart from one we do not.
    /// </summary>
    private async Task<List<OurTransaction>> OursAsync(DateOnly date, IReadOnlyList<AcquirerTransaction> theirs, CancellationToken cancellationToken)
    {
        var start = BusinessCalendar.KstStartOf(date);
        var end = BusinessCalendar.KstEndOf(date);
        var named = theirs.Select(their => new PaymentId(their.RequestId)).Distinct().ToList();
        var payments = await db.Payments.AsNoTracking()
            .Where(payment => (payment.ApprovedAt >= start && payment.ApprovedAt < end)
                || payment.Cancellations.Any(cancellation => cancellation.CancelledAt >= start && cancellation.CancelledAt < end)
                || named.Contains(payment.Id))
            .ToListAsync(cancellationToken);

        var ours = new List<OurTransaction>();
        foreach (var payment in payments)
        {
            var approvedThatDay = payment.ApprovedAt >= start && payment.ApprovedAt < end;
            if (approvedThatDay || payment.Status is PaymentStatus.Requested or PaymentStatus.Failed)
            {
                ours.Add(OurTransaction.ApprovalOf(payment));
            }

            ours.AddRange(payment.Cancellations
                .Where(cancellation => cancellation.CancelledAt >= start && cancellation.CancelledAt < end)
                .Select(cancellation => OurTransaction.CancellationOf(payment, cancellation)));
        }

        return ours;
    }

    private async Task<ReconciliationReport> ResolveGhostsAsync(ReconciliationReport report, CancellationToken cancellationToken)
    {
        var resolved = new List<ReconciliationEntry>(report.Entries.Count);
        foreach (var entry in report.Entries)
        {
            var isGhost = entry.Kind == TransactionKind.Approval && entry.Class is ReconciliationClass.AcquirerOnly or ReconciliationClass.StatusMismatch;
            resolved.Add(isGhost ? await ResolveGhostAsync(entry, cancellationToken) : entry);
        }

        return new ReconciliationReport(resolved);
    }

    private async Task<ReconciliationEntry> ResolveGhostAsync(ReconciliationEntry ghost, CancellationToken cancellationToken)
    {
        // The Processor may be about to record this approval: voiding it now would charge-and-refund a payment the
        // merchant is told succeeded. It voids by itself before it ever records FAILED.
        if (ghost.OurStatus is PaymentStatus.Requested)
        {
            return ghost with { Resolution = InFlight };
        }

        if (ghost.OurStatus is not (null or PaymentStatus.Failed))
        {
            return ghost;
        }

        ApprovalOutcome outcome;
        if (ghost.OurStatus is null)
        {
            // A payment we never had: nothing of ours to record the void on.
            outcome = await acquirer.VoidAsync(ghost.PaymentId, cancellationToken);
        }
        else
        {
            outcome = await _recorded.VoidAsync(ghost.PaymentId, attempt: null, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        var resolution = outcome switch
        {
            ApprovalOutcome.NotCharged => Voided,
            ApprovalOutcome.Unknown unknown => $"void outcome unknown ({unknown.Reason}): reconcile again",
            _ => $"void refused: the acquirer answered {outcome}",
        };
        LogGhostResolved(ghost.PaymentId, resolution);
        return ghost with { Resolution = resolution };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling {BusinessDate} before the KST day has closed: the report is partial")]
    private partial void LogDayStillOpen(DateOnly businessDate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {BusinessDate}: {Matched} matched, {Discrepancies} discrepancies")]
    private partial void LogReconciled(DateOnly businessDate, int matched, int discrepancies);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ghost approval {PaymentId} net-cancelled at the acquirer: {Resolution}")]
    private partial void LogGhostResolved(PaymentId paymentId, string resolution);
}
