using Microsoft.EntityFrameworkCore;

namespace MiniPg.Acquirer.Ledger;

public static class ApprovalLocks
{
    /// <summary>
    /// Reads an approval and locks its row until the surrounding transaction ends, so cancels and voids of one approval
    /// happen one after another and never both see the same remaining amount.
    /// </summary>
    public static async Task<Approval?> LockAsync(this DbSet<Approval> approvals, Guid requestId, CancellationToken cancellationToken)
    {
        var locked = await approvals
            .FromSql($"SELECT * FROM approvals WHERE request_id = {requestId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        return locked.SingleOrDefault();
    }
}
