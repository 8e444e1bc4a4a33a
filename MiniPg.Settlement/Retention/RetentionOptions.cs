using System.ComponentModel.DataAnnotations;

namespace MiniPg.Settlement.Retention;

/// <summary>How long MiniPg keeps rows that exist only to make a step safe; the periods are documented in docs/decisions/0028-retention.md.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>A published outbox row, kept for investigations (replaying an event by hand) this long after its publication.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan PublishedOutbox { get; set; } = TimeSpan.FromDays(7);

    /// <summary>An idempotency record: how long a merchant's retry with the same key is answered with the first response.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan IdempotencyRecords { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// A sealed card left in the vault: normally deleted with the payment's outcome within seconds; one that outlived
    /// its payment's authorization (the stuck-payment janitor settles those in minutes) is deleted after this.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "7.00:00:00")]
    public TimeSpan VaultedCards { get; set; } = TimeSpan.FromDays(1);

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
