using Microsoft.EntityFrameworkCore;

namespace MiniPg.Acquirer.Ledger;

public static class TransientFailures
{
    /// <summary>Counts one more approval call of the request id, atomically even across acquirer instances, and returns the count.</summary>
    public static async Task<int> CountCallAsync(this AcquirerDbContext db, Guid requestId, CancellationToken cancellationToken)
    {
        var counts = await db.Database.SqlQuery<int>($"""
            INSERT INTO transient_failure_counters (request_id, calls) VALUES ({requestId}, 1)
            ON CONFLICT (request_id) DO UPDATE SET calls = transient_failure_counters.calls + 1
            RETURNING calls AS "Value"
            """).ToListAsync(cancellationToken);
        return counts.Single();
    }
}
