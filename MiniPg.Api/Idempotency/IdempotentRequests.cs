using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniPg.Domain.Merchants;
using MiniPg.Infrastructure.Idempotency;
using MiniPg.Infrastructure.Persistence;
using Npgsql;

namespace MiniPg.Api.Idempotency;

/// <summary>
/// Runs a write at most once per (merchant, <c>Idempotency-Key</c>). Redis answers replays, conflicts and mismatches
/// fast; the response is committed to PostgreSQL in the same transaction as the write, and the table's primary key
/// (merchant, key) is what makes a second charge impossible when Redis is down, flushed, or its key expired.
/// A stage that meets a concurrent change to what it read (an optimistic-concurrency conflict) is run again from a
/// clean context, so stages must be safe to repeat: a cancel is, by its cancellation id.
/// </summary>
public sealed class IdempotentRequests(IdempotencyStore store, MiniPgDbContext db, TimeProvider time)
{
    /// <summary>How often a stage is run before a concurrent change is reported as a 409.</summary>
    public const int MaxStageRuns = 16;

    private const string RecordPrimaryKey = "pk_idempotency_records";

    public async Task<Results<StoredResponseResult, ProblemHttpResult>> ExecuteAsync(
        MerchantId merchantId,
        string idempotencyKey,
        string fingerprint,
        Func<CancellationToken, Task<Staged>> stage,
        CancellationToken cancellationToken)
    {
        var claim = await store.ClaimAsync(merchantId, idempotencyKey, fingerprint);
        if (claim is ClaimOutcome.Taken { Entry: var entry })
        {
            return await AnswerTakenKeyAsync(merchantId, idempotencyKey, fingerprint, entry, cancellationToken);
        }

        var lockValue = (claim as ClaimOutcome.Claimed)?.LockValue;
        var settled = false;
        try
        {
            for (var run = 1; ; run++)
            {
                try
                {
                    var staged = await stage(cancellationToken);
                    if (staged is Staged.Reject reject)
                    {
                        return reject.Problem;
                    }

                    var response = ((Staged.Commit)staged).Response;
                    db.IdempotencyRecords.Add(new IdempotencyRecord(
                        merchantId, idempotencyKey, fingerprint, response.Status, response.Location, response.Body, time.GetUtcNowForStorage()));
                    await db.SaveChangesAsync(cancellationToken);
                    settled = true;
                    await store.CompleteAsync(merchantId, idempotencyKey, lockValue, fingerprint, response);
                    return new StoredResponseResult(response, replayed: false);
                }
                catch (DbUpdateException exception) when (run < MaxStageRuns && IsConcurrentChange(exception))
                {
                    // What the stage read changed under it (another cancel of the same payment): read again and redo.
                    db.ChangeTracker.Clear();
                }
            }
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: RecordPrimaryKey })
        {
            db.ChangeTracker.Clear();
            var record = await FindRecordAsync(merchantId, idempotencyKey, cancellationToken)
                ?? throw new InvalidOperationException("A unique violation on the idempotency key implies a committed record.", exception);
            settled = true;
            return await ReplayAsync(record, fingerprint);
        }
        catch (DbUpdateException exception) when (IsConcurrentChange(exception))
        {
            return IdempotencyProblems.ConcurrentChange();
        }
        finally
        {
            if (!settled && lockValue is not null)
            {
                await store.ReleaseAsync(merchantId, idempotencyKey, lockValue);
            }
        }
    }

    /// <summary>
    /// A row the stage read was changed (its revision moved on), or a row the stage inserted was inserted first by a
    /// concurrent request; a duplicate of the idempotency record itself is a replay, not a change.
    /// </summary>
    private static bool IsConcurrentChange(DbUpdateException exception) =>
        exception is DbUpdateConcurrencyException
        || exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } violation && violation.ConstraintName != RecordPrimaryKey;

    private async Task<Results<StoredResponseResult, ProblemHttpResult>> AnswerTakenKeyAsync(MerchantId merchantId, string idempotencyKey, string fingerprint, CachedIdempotencyEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Fingerprint != fingerprint)
        {
            return IdempotencyProblems.KeyReusedWithDifferentRequest();
        }

        if (entry.Response is { } cached)
        {
            return new StoredResponseResult(cached, replayed: true);
        }

        // In flight, or its holder crashed after committing but before telling Redis: PostgreSQL knows which.
        var record = await FindRecordAsync(merchantId, idempotencyKey, cancellationToken);
        return record is null ? IdempotencyProblems.RequestInFlight() : await ReplayAsync(record, fingerprint);
    }

    private async Task<Results<StoredResponseResult, ProblemHttpResult>> ReplayAsync(IdempotencyRecord record, string fingerprint)
    {
        if (record.RequestFingerprint != fingerprint)
        {
            return IdempotencyProblems.KeyReusedWithDifferentRequest();
        }

        var response = new StoredResponse(record.ResponseStatus, record.ResponseLocation, record.ResponseBody);
        await store.CompleteAsync(record.MerchantId, record.IdempotencyKey, lockValue: null, fingerprint, response);
        return new StoredResponseResult(response, replayed: true);
    }

    private Task<IdempotencyRecord?> FindRecordAsync(MerchantId merchantId, string idempotencyKey, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.AsNoTracking()
            .SingleOrDefaultAsync(record => record.MerchantId == merchantId && record.IdempotencyKey == idempotencyKey, cancellationToken);
}
