namespace MiniPg.Domain.Webhooks;

/// <summary>
/// How long a failed delivery waits before its next attempt. The default spreads 11 attempts over about a day
/// (10 s, 1 min, 5 min, 15 min, 30 min, 1 h, 2 h, 4 h, 8 h, 8 h: 23 h 51 min 10 s after the first), so a receiver that
/// is down for a deploy or overnight still gets every event; after the last attempt the delivery is failed and can
/// only be redelivered by hand.
/// </summary>
public sealed class WebhookRetrySchedule(IReadOnlyList<TimeSpan> delays)
{
    public static readonly WebhookRetrySchedule Default = new([
        TimeSpan.FromSeconds(10),
        TimeSpan.FromMinutes(1),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(15),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(1),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(4),
        TimeSpan.FromHours(8),
        TimeSpan.FromHours(8),
    ]);

    public IReadOnlyList<TimeSpan> Delays { get; } = delays;

    public int MaxAttempts => Delays.Count + 1;

    /// <summary>The wait after the given failed attempt (1 = the first), or null when it was the last.</summary>
    public TimeSpan? DelayAfter(int failedAttempt) =>
        failedAttempt >= 1 && failedAttempt <= Delays.Count ? Delays[failedAttempt - 1] : null;
}
