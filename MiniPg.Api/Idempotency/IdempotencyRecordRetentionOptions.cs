using System.ComponentModel.DataAnnotations;

namespace MiniPg.Api.Idempotency;

/// <summary>
/// How long PostgreSQL keeps an idempotency record: the Settlement service's retention job deletes it after this
/// (<c>RetentionOptions.IdempotencyRecords</c>, docs/decisions/0028-retention.md). The Api only reads the period, to
/// tell a merchant when a key will be forgotten, and binds the same setting (<c>Retention__IdempotencyRecords</c>)
/// with the same default and range: set it for both services or for neither.
/// </summary>
public sealed class IdempotencyRecordRetentionOptions
{
    public const string Section = "Retention";

    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan IdempotencyRecords { get; set; } = TimeSpan.FromDays(30);
}
