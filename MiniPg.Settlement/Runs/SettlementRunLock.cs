using Microsoft.EntityFrameworkCore;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Settlement.Runs;

/// <summary>
/// At most one run of a business date at a time, across processes: a PostgreSQL session advisory lock keyed by the
/// date, taken on the context's own connection, which stays open until the lock is disposed. If the process dies the
/// server drops the session and the lock with it (docs/decisions/0022-one-run-per-date-and-a-scheduler-that-carries-on.md).
/// </summary>
public sealed class SettlementRunLock : IAsyncDisposable
{
    /// <summary>The first half of the two-integer lock key, naming settlement runs; the second half is the date's day number.</summary>
    private const int KeySpace = 0x5345_544C;

    private readonly MiniPgDbContext _db;
    private readonly int _day;

    private SettlementRunLock(MiniPgDbContext db, int day)
    {
        _db = db;
        _day = day;
    }

    /// <summary>The lock, or null at once (without waiting) when another session holds it.</summary>
    public static async Task<SettlementRunLock?> TryAcquireAsync(MiniPgDbContext db, DateOnly businessDate, CancellationToken cancellationToken)
    {
        var day = businessDate.DayNumber;
        await db.Database.OpenConnectionAsync(cancellationToken);
        var acquired = false;
        try
        {
            acquired = await db.Database
                .SqlQuery<bool>($"SELECT pg_try_advisory_lock({KeySpace}, {day}) AS \"Value\"")
                .SingleAsync(cancellationToken);
            return acquired ? new SettlementRunLock(db, day) : null;
        }
        finally
        {
            if (!acquired)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _db.Database.SqlQuery<bool>($"SELECT pg_advisory_unlock({KeySpace}, {_day}) AS \"Value\"").SingleAsync(CancellationToken.None);
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }
    }
}
