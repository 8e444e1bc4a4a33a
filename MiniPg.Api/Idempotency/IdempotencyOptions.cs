using System.ComponentModel.DataAnnotations;

namespace MiniPg.Api.Idempotency;

public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>How long a claim stays locked if its request never completes (a crash): the in-flight lock.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan InFlightLockTimeToLive { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long Redis keeps a completed response for fast replay. PostgreSQL keeps it regardless.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "30.00:00:00")]
    public TimeSpan ResponseRetention { get; set; } = TimeSpan.FromHours(48);
}
