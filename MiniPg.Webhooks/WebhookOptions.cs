using System.ComponentModel.DataAnnotations;
using MiniPg.Domain.Webhooks;

namespace MiniPg.Webhooks;

/// <summary>The <c>Webhooks</c> section: how deliveries are sent and retried, and where they may go.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Webhooks";

    /// <summary>How long an endpoint has to answer (its status line and headers); a slower answer is a failed attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The waits after each failed attempt; none given is <see cref="WebhookRetrySchedule.Default"/> (about a day).</summary>
    public TimeSpan[]? RetryDelays { get; set; }

    /// <summary>Requests in flight at once in this instance.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentDeliveries { get; set; } = 32;

    /// <summary>Requests in flight at once to one endpoint in this instance: a dead endpoint holds this many slots, never all.</summary>
    [Range(1, 100)]
    public int MaxConcurrentPerEndpoint { get; set; } = 4;

    /// <summary>How often the sender looks for due deliveries written elsewhere (retries, redeliveries, another instance's events).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether endpoints on loopback addresses may be called: Development only, for the demo receiver.</summary>
    public bool AllowLoopback { get; set; }

    [Required]
    public string ConsumerGroup { get; set; } = "minipg-webhooks";

    public WebhookRetrySchedule RetrySchedule => RetryDelays is { Length: > 0 } delays ? new WebhookRetrySchedule(delays) : WebhookRetrySchedule.Default;

    /// <summary>
    /// How long a claimed delivery stays out of every other claim: the request's timeout and a margin to record its
    /// answer. A sender that dies while it holds one leaves it due again when the lease runs out.
    /// </summary>
    public TimeSpan Lease => RequestTimeout + TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryDelays?.Any(delay => delay <= TimeSpan.Zero || delay > TimeSpan.FromDays(1)) == true)
        {
            yield return new ValidationResult("Each retry delay must be more than zero and at most a day.", [nameof(RetryDelays)]);
        }

        if (MaxConcurrentPerEndpoint > MaxConcurrentDeliveries)
        {
            yield return new ValidationResult("An endpoint cannot have more requests in flight than the whole sender.", [nameof(MaxConcurrentPerEndpoint)]);
        }
    }
}
