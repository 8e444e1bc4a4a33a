using System.ComponentModel.DataAnnotations;

namespace MiniPg.Api.Payments;

public sealed class CancellationRecoveryOptions
{
    public const string Section = "CancellationRecovery";

    /// <summary>
    /// How old a reservation must be before the recovery takes it over: longer than a cancel request can take (the
    /// acquirer is given 8 s at most), so a request still running is not raced without need.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan After { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}
