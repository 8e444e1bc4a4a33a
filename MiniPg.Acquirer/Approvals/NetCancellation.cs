using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniPg.Acquirer.Ledger;

namespace MiniPg.Acquirer.Approvals;

/// <summary>
/// 망취소: a caller that does not know whether its approval went through undoes it. Either the request id is unknown
/// and a VOIDED tombstone takes its place (so a late approval is refused), or the approval is locked and whatever
/// remains of it is cancelled. The request id's unique key decides which of a void and a racing approval came first.
/// </summary>
public static class NetCancellation
{
    public const string Reason = "net cancellation";

    public static async Task<Ok<VoidResponse>> Void(
        Guid requestId, AcquirerDbContext db, TimeProvider time, ILogger<VoidResponse> logger, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNowForLedger();
        if (!await db.Approvals.AnyAsync(a => a.RequestId == requestId, cancellationToken))
        {
            db.Approvals.Add(Approval.Tombstone(requestId, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return Answer(requestId, ApprovalStatus.Voided, logger);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                db.ChangeTracker.Clear();
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var approval = await db.Approvals.LockAsync(requestId, cancellationToken)
            ?? throw new InvalidOperationException($"Approval {requestId} vanished: the ledger never deletes.");
        if (approval.Status is ApprovalStatus.Approved)
        {
            db.Cancellations.Add(approval.Cancel(Guid.CreateVersion7(now), approval.RemainingAmount, Reason, now));
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Answer(requestId, approval.Status, logger);
    }

    private static Ok<VoidResponse> Answer(Guid requestId, ApprovalStatus status, ILogger logger)
    {
        ApprovalLog.NetCancelled(logger, requestId, status);
        return TypedResults.Ok(new VoidResponse(requestId, status.ToWire()));
    }
}
