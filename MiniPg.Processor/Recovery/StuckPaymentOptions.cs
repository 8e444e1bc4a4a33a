using System.ComponentModel.DataAnnotations;

namespace MiniPg.Processor.Recovery;

public sealed class StuckPaymentOptions
{
    public const string Section = "StuckPayments";

    /// <summary>
    /// How long a payment may stay <c>REQUESTED</c> before the janitor settles it: well past the Processor's own
    /// retries (five attempts over about two minutes at worst), so it only takes over what they gave up on.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan After { get; set; } = TimeSpan.FromMinutes(5);

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}
