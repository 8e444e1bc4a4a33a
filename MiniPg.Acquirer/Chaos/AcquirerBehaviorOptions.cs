using System.ComponentModel.DataAnnotations;

namespace MiniPg.Acquirer.Chaos;

/// <summary>How slow and how unreliable the mock acquirer is, for load and chaos tests. Section <c>Acquirer</c>.</summary>
public sealed class AcquirerBehaviorOptions
{
    public const string Section = "Acquirer";

    /// <summary>Added to every approval and cancellation, like a real card network's round trip.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The percentage of approval calls that answer 503 before doing anything.</summary>
    [Range(0, 100)]
    public int FailureRate { get; set; }

    /// <summary>How many approval calls of each request id the transient-failure card answers with 503 before approving.</summary>
    [Range(0, 100)]
    public int TransientFailuresPerRequest { get; set; } = 1;

    /// <summary>How late the slow card's approval answers: longer than the caller's timeout, so the caller cannot know the outcome.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan SlowCardDelay { get; set; } = TimeSpan.FromSeconds(5);
}
