using Microsoft.EntityFrameworkCore;
using MiniPg.Domain.Calendar;
using MiniPg.Domain.Fees;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Settlement;
using MiniPg.Infrastructure.Caching;
using MiniPg.Infrastructure.Persistence;

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

    /// <summary>Checks that every line of the date equals the sum of its items and balances, and that no payment or cancel is settled twice.</summary>
    public async Task VerifyAsync(DateOnly businessDate, CancellationToken cancellationToken)
    {
        var lines = await db.SettlementLines.AsNoTracking().Where(line => line.BusinessDate == businessDate).ToListAsync(cancellationToken);
        var items = await db.SettlementItems.AsNoTracking().Where(item => item.BusinessDate == businessDate).ToListAsync(cancellationToken);
        var violations = new List<string>();
        foreach (var merchantItems in items.GroupBy(item => item.MerchantId))
        {
            var line = lines.SingleOrDefault(l => l.MerchantId == merchantItems.Key);
            var expected = new SettlementLine(businessDate, merchantItems.Key, [.. merchantItems], line?.PayoutDate ?? businessDate);
            if (line is null)
            {
                violations.Add($"merchant {merchantItems.Key} has items but no line");
            }
            else if ((line.GrossAmount, line.CancelledAmount, line.FeeAmount, line.FeeVat, line.NetAmount, line.PaymentCount)
                     != (expected.GrossAmount, expected.CancelledAmount, expected.FeeAmount, expected.FeeVat, expected.NetAmount, expected.PaymentCount))
            {
                violations.Add($"merchant {line.MerchantId}: the line is not the sum of its items");
            }
        }

        violations.AddRange(lines
            .Where(line => line.TotalAmount != line.FeeAmount + line.NetAmount || line.TotalAmount != line.GrossAmount - line.CancelledAmount)
            .Select(line => $"merchant {line.MerchantId}: total {line.TotalAmount.Value} ≠ fee {line.FeeAmount.Value} + net {line.NetAmount.Value}"));
        violations.AddRange(lines
            .Where(line => !items.Any(item => item.MerchantId == line.MerchantId))
            .Select(line => $"merchant {line.MerchantId} has a line but no items"));
        var settledTwice = await db.SettlementItems.AsNoTracking()
            .Where(item => item.Kind == SettlementItemKind.Approval)
            .GroupBy(item => item.PaymentId)
            .Where(group => group.Count() > 1)
            .Select(group => group.Key)
            .ToListAsync(cancellationToken);
        violations.AddRange(settledTwice.Select(paymentId => $"payment {paymentId} is settled twice"));
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
        // A broken invariant (SettlementInvariantViolatedException) is an InvalidOperationException too.
        catch (Exception exception) when (exception is InvalidOperationException or DbUpdateException)
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

        var done = 0;
        foreach (var merchant in merchants)
        {
            if (!await db.SettlementLines.AnyAsync(line => line.BusinessDate == businessDate && line.MerchantId == merchant.Key, cancellationToken))
            {
                await SettleMerchantAsync(businessDate, FeeContract.InForceOn(contracts[merchant.Key], businessDate), [.. merchant], cancellationToken);
            }

            progress?.Report(new SettlementProgress(++done, merchants.Count, merchant.Key.Value, merchant.Count()));
        }
    }

    private async Task SettleMerchantAsync(DateOnly businessDate, FeeContract contract, List<Candidate> candidates, CancellationToken cancellationToken)
    {
        var items = candidates
            .Select(c => new SettlementItem(businessDate, contract.MerchantId, c.PaymentId, c.CancellationId, c.OrderId, SettlementFees.For(c.Amount, contract.FeeRate), c.OccurredAt))
            .ToList();
        var line = new SettlementLine(businessDate, contract.MerchantId, items, BusinessCalendar.PayoutDate(businessDate, contract.PayoutDelayBusinessDays));
        var approved = candidates.Where(c => c.CancellationId is null).Select(c => c.PaymentId).ToList();
        List<Payment> settled = [];
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.SettlementItems.AddRange(items);
            db.SettlementLines.Add(line);
            var settledAt = time.GetUtcNowForStorage();
            settled = await db.Payments.Where(p => approved.Contains(p.Id) && p.Status == PaymentStatus.Approved).ToListAsync(cancellationToken);
            settled.ForEach(payment => payment.Settle(settledAt));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });

        // Merchants polling GET must see SETTLED: refresh each cached resource (a newer revision always wins).
        foreach (var chunk in settled.Chunk(256))
        {
            await Task.WhenAll(chunk.Select(payment => cache.SetAsync(payment, PaymentResource.JsonOf(payment))));
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

    private sealed record Candidate(MiniPg.Domain.Merchants.MerchantId MerchantId, PaymentId PaymentId, Guid? CancellationId, string OrderId, Won Amount, DateTimeOffset OccurredAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Settlement of {BusinessDate} completed")]
    private partial void LogCompleted(DateOnly businessDate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settlement of {BusinessDate} resumes an unfinished run")]
    private partial void LogResuming(DateOnly businessDate);

    [LoggerMessage(Level = LogLevel.Error, Message = "Settlement of {BusinessDate} failed")]
    private partial void LogFailed(Exception exception, DateOnly businessDate);
}
