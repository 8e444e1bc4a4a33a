namespace MiniPg.Processor.Consuming;

/// <summary>
/// How long a request waits in the retry topic before its next attempt: the first retry (attempt 2) waits the base
/// delay, each further one twice as long, never more than <see cref="MaxDelay"/>, whatever the base delay or attempt.
/// </summary>
public static class RetryBackoff
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(10);

    public static TimeSpan BeforeAttempt(int attempt, TimeSpan baseDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(baseDelay.Ticks, nameof(baseDelay));

        var delay = baseDelay;
        for (var retry = 2; retry < attempt && delay > TimeSpan.Zero && delay < MaxDelay; retry++)
        {
            delay += delay;
        }

        return delay < MaxDelay ? delay : MaxDelay;
    }
}
