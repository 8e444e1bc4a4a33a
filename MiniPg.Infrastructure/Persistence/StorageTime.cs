namespace MiniPg.Infrastructure.Persistence;

public static class StorageTime
{
    /// <summary>
    /// Now, truncated to PostgreSQL's microsecond precision, so a time read back from the database equals the time
    /// that was written (and a response built before the save reads the same as one built after).
    /// </summary>
    public static DateTimeOffset GetUtcNowForStorage(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
