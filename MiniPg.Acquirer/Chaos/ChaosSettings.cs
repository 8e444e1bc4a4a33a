using Microsoft.Extensions.Options;

namespace MiniPg.Acquirer.Chaos;

/// <summary>The latency and failure rate in force now: they start from configuration and can be changed at run time.</summary>
public sealed class ChaosSettings(IOptions<AcquirerBehaviorOptions> options)
{
    private ChaosState _current = new(options.Value.Latency, options.Value.FailureRate);

    public ChaosState Current => Volatile.Read(ref _current);

    public void Change(ChaosState state) => Volatile.Write(ref _current, state);

    /// <summary>Whether this call is one of the failing share. A shared <see cref="Random"/> is enough for a chaos knob.</summary>
    public bool RollFailure()
    {
        var failureRatePercent = Current.FailureRatePercent;
        return failureRatePercent > 0 && Random.Shared.Next(100) < failureRatePercent;
    }
}

public sealed record ChaosState(TimeSpan Latency, int FailureRatePercent);
