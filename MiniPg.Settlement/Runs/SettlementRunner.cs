using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MiniPg.Domain.Calendar;
using MiniPg.Domain.Fees;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Settlement;
using MiniPg.Infrastructure.Caching;
using MiniPg.Infrastructure.Persistence;
using Npgsql;

namespace MiniPg.Settlement.Runs;

/// <summary>
/// Settles one KST business date for every merchant. Each merchant-day is one transaction (items, line, payments
/// SETTLED), so a run killed halfway keeps what it finished and a rerun resumes with the merchants left. Candidates are
/// every approval and every cancel up to the end of the date that no settlement holds yet: late approvals of a settled
/// date roll into the next run, and a cancel of a settled payment becomes a negative item there (상계). The invariants
/// are checked before the run is marked completed; a completed date is never run again. One run of a date at a time:
/// a second one while the first holds the date's <see cref="SettlementRunLock"/> throws
/// <see cref="SettlementRunInProgressException"/> and touches nothing.
/// </summary>
public sealed partial class SettlementRunner(MiniPgDbContext db, PaymentResourceCache cache, TimeProvider time, ILogger<SettlementRunner> logger)
{
    public async Task<SettlementRunSummary> RunAsync(DateOnly businessDate, IProgress<SettlementProgress>? progress, CancellationToken cancellationToken)
    {
        await using var held = await SettlementRunLock.TryAcquireAsync(db, businessDate, cancellationToken)
            ?? throw new SettlementRunInProgressException(businessDate);
        return await RunHoldingTheLockAsync(businessDate, progress, cancellationToken);
    }

    /// <summary>The summary of a date's run, or null when the date was never run.</summary>
    public async Task<SettlementRunSummary?> FindAsync(DateOnly businessDate, CancellationToken cancellationToken) =>
        await db.SettlementRuns.AsNoTracking().SingleOrDefaultAsync(r => r.BusinessDate == businessDate, cancellationToken) is { } run
            ? await SummaryAsync(run, cancellationToken)
            : null;

    /// <summary>
    /// Checks that every line of the date equals the sum of its items and balances, that no line lacks items and no
    /// item a line, and that no payment is settled twice (set-based, in PostgreSQL: <see cref="SettlementInvariants"/>).
    /// </summary>
    public async Task VerifyAsync(DateOnly businessDate, CancellationToken cancellationToken)
    {
        var violations = await SettlementInvariants.ViolationsAsync(db, businessDate, cancellationToken);
        if (violations.Count > 0)
        {
            throw new SettlementInvariantViolatedException(businessDate, violations);
        }
    }

    private async Task<SettlementRunSummary> RunHoldingTheLockAsync(DateOnly businessDate, IProgress<SettlementProgress>? progress, CancellationToken cancellationToken)
    {
        var run = await StartOrResumeAsync(businessDate, cancellationToken);
        if (run.Status == SettlementRunStatus.Completed)
        {
            return await SummaryAsync(run, cancellationToken);
        }

        try
        {
            await SettleMerchantsAsync(businessDate, progress, cancellationToken);
            await VerifyAsync(businessDate, cancellationToken);
            db.ChangeTracker.Clear();
            run = await db.SettlementRuns.SingleAsync(r => r.BusinessDate == businessDate, cancellationToken);
            run.Complete(time.GetUtcNowForStorage());
            await db.SaveChangesAsync(cancellationToken);
            LogCompleted(businessDate);
        }
        // A broken invariant (SettlementInvariantViolatedException) is an InvalidOperationException too; a write PostgreSQL
        // refuses is a DbUpdateException through EF Core, a PostgresException through the bulk writes.
        catch (Exception exception) when (exception is InvalidOperationException or DbUpdateException or PostgresException)
        {
            db.ChangeTracker.Clear();
            var failed = await db.SettlementRuns.SingleAsync(r => r.BusinessDate == businessDate, CancellationToken.None);
            failed.Fail(exception.Message);
            await db.SaveChangesAsync(CancellationToken.None);
            LogFailed(exception, businessDate);
            throw;
        }

        return await SummaryAsync(run, cancellationToken);
    }

    private async Task<SettlementRun> StartOrResumeAsync(DateOnly businessDate, CancellationToken cancellationToken)
    {
        var run = await db.SettlementRuns.SingleOrDefaultAsync(r => r.BusinessDate == businessDate, cancellationToken);
        if (run is null)
        {
            run = new SettlementRun(businessDate, time.GetUtcNowForStorage());
            db.SettlementRuns.Add(run);
        }
        else if (run.Status != SettlementRunStatus.Completed)
        {
            run.Resume();
            LogResuming(businessDate);
        }

        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    private async Task SettleMerchantsAsync(DateOnly businessDate, IProgress<SettlementProgress>? progress, CancellationToken cancellationToken)
    {
        var end = BusinessCalendar.KstEndOf(businessDate);
        var approvals = await db.Payments.AsNoTracking()
            .Where(p => p.ApprovedAt != null && p.ApprovedAt < end)
            .Where(p => !db.SettlementItems.Any(item => item.PaymentId == p.Id && item.Kind == SettlementItemKind.Approval))
            .Select(p => new Candidate(p.MerchantId, p.Id, null, p.OrderId, p.Amount, p.ApprovedAt!.Value))
            .ToListAsync(cancellationToken);
        var cancels = await db.Payments.AsNoTracking()
            .SelectMany(p => p.Cancellations, (p, c) => new { p.MerchantId, PaymentId = p.Id, p.OrderId, c.Id, c.Amount, c.CancelledAt })
            .Where(c => c.CancelledAt < end && !db.SettlementItems.Any(item => item.CancellationId == c.Id))
            .ToListAsync(cancellationToken);
        var cancellations = cancels.Select(c => new Candidate(c.MerchantId, c.PaymentId, c.Id, c.OrderId, Won.Zero - c.Amount, c.CancelledAt));
        var merchants = approvals.Concat(cancellations).GroupBy(candidate => candidate.MerchantId).OrderBy(group => group.Key.Value).ToList();
        var contracts = (await db.FeeContracts.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(contract => contract.MerchantId);
        var alreadySettled = (await db.SettlementLines.AsNoTracking()
            .Where(line => line.BusinessDate == businessDate)
            .Select(line => line.MerchantId)
            .ToListAsync(cancellationToken)).ToHashSet();

        // Each merchant's cache fences go to Redis while the next merchant's transaction runs; the copies they find
        // stale are rewritten before the fences after them are sent, and the run does not end before the last.
        var fencing = Task.FromResult<List<PaymentId>>([]);
        try
        {
            var done = 0;
            foreach (var merchant in merchants)
            {
                if (!alreadySettled.Contains(merchant.Key))
                {
                    var settled = await SettleMerchantAsync(businessDate, FeeContract.InForceOn(contracts[merchant.Key], businessDate), [.. merchant], cancellationToken);
                    await RecacheAsync(await fencing, cancellationToken);
                    fencing = cache.FenceAsync(merchant.Key, settled);
                }

                progress?.Report(new SettlementProgress(++done, merchants.Count, merchant.Key.Value, merchant.Count()));
            }

            await RecacheAsync(await fencing, cancellationToken);
        }
        finally
        {
            await fencing;
        }
    }

    /// <summary>Commits one merchant-day and returns the payments it settled.</summary>
    private async Task<List<PaymentRevision>> SettleMerchantAsync(DateOnly businessDate, FeeContract contract, List<Candidate> candidates, CancellationToken cancellationToken)
    {
        var items = candidates
            .Select(c => new SettlementItem(businessDate, contract.MerchantId, c.PaymentId, c.CancellationId, c.OrderId, SettlementFees.For(c.Amount, contract.FeeRate), c.OccurredAt))
            .ToList();
        var line = new SettlementLine(businessDate, contract.MerchantId, items, BusinessCalendar.PayoutDate(businessDate, contract.PayoutDelayBusinessDays));
        Guid[] approved = [.. candidates.Where(c => c.CancellationId is null).Select(c => c.PaymentId.Value)];
        List<PaymentRevision> settled = [];
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            settled = await MerchantSettlementWrites.SettleApprovedAsync(
                connection, (NpgsqlTransaction)transaction.GetDbTransaction(), approved, time.GetUtcNowForStorage(), cancellationToken);
            await MerchantSettlementWrites.CopyItemsAsync(connection, items, cancellationToken);
            db.SettlementLines.Add(line);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        return settled;
    }

    /// <summary>
    /// Merchants polling GET must see SETTLED once their merchant has committed: every settled payment is fenced at its
    /// new revision (<see cref="PaymentResourceCache.FenceAsync"/>: no older copy can be cached after that), and the
    /// few Redis held an older copy of are loaded and cached again here, as the Api serves them
    /// (docs/decisions/0032-set-based-settlement.md).
    /// </summary>
    private async Task RecacheAsync(List<PaymentId> stale, CancellationToken cancellationToken)
    {
        if (stale.Count == 0)
        {
            return;
        }

        var payments = await db.Payments.AsNoTracking().Where(p => stale.Contains(p.Id)).ToListAsync(cancellationToken);
        foreach (var payment in payments)
        {
            await cache.SetAsync(payment, PaymentResource.JsonOf(payment));
        }
    }

    private async Task<SettlementRunSummary> SummaryAsync(SettlementRun run, CancellationToken cancellationToken)
    {
        var lines = await db.SettlementLines.AsNoTracking()
            .Where(line => line.BusinessDate == run.BusinessDate)
            .OrderBy(line => line.MerchantId)
            .ToListAsync(cancellationToken);
        return SettlementRunSummary.Of(run, lines);
    }

    private sealed record Candidate(MerchantId MerchantId, PaymentId PaymentId, Guid? CancellationId, string OrderId, Won Amount, DateTimeOffset OccurredAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Settlement of {BusinessDate} completed")]
    private partial void LogCompleted(DateOnly businessDate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settlement of {BusinessDate} resumes an unfinished run")]
    private partial void LogResuming(DateOnly businessDate);

    [LoggerMessage(Level = LogLevel.Error, Message = "Settlement of {BusinessDate} failed")]
    private partial void LogFailed(Exception exception, DateOnly businessDate);
}
