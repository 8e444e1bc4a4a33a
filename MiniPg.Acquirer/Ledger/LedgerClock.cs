namespace MiniPg.Acquirer.Ledger;

public static class LedgerClock
{
    /// <summary>Now, truncated to PostgreSQL's microsecond precision, so an answer built before a save equals one read back later.</summary>
    public static DateTimeOffset GetUtcNowForLedger(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
