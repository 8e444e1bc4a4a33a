using System.ComponentModel.DataAnnotations;

namespace MiniPg.Api.Idempotency;

public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>
    /// How long a claim stays locked if its request never completes (the Api crashed between claim and commit): a
    /// retry after that claims the key afresh. Longer than the slowest request (a cancel waits at most 8 s for the
    /// acquirer); if a slow holder outlives it anyway, the record's primary key still lets only one of them commit.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan InFlightLockTimeToLive { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long Redis keeps a completed response for fast replay. PostgreSQL keeps it regardless.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "30.00:00:00")]
    public TimeSpan ResponseRetention { get; set; } = TimeSpan.FromHours(48);
}
