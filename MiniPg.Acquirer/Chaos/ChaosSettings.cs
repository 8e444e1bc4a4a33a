using Microsoft.Extensions.Options;

namespace MiniPg.Acquirer.Chaos;

/// <summary>The latency and failure rate in force now: they start from configuration and can be changed at run time.</summary>
public sealed class ChaosSettings(IOptions<AcquirerBehaviorOptions> options)
{
    private readonly ChaosState _configured = new(options.Value.Latency, options.Value.FailureRate);
    private ChaosState? _current;

    public ChaosState Current => Volatile.Read(ref _current) ?? _configured;

    public void Change(ChaosState state) => Volatile.Write(ref _current, state);

    /// <summary>Back to the configured behaviour (<c>Acquirer:Latency</c>, <c>Acquirer:FailureRate</c>).</summary>
    public ChaosState Reset()
    {
        Volatile.Write(ref _current, null);
        return _configured;
    }

    /// <summary>Whether this call is one of the failing share. A shared <see cref="Random"/> is enough for a chaos knob.</summary>
    public bool RollFailure()
    {
        var failureRatePercent = Current.FailureRatePercent;
        return failureRatePercent > 0 && Random.Shared.Next(100) < failureRatePercent;
    }
}

public sealed record ChaosState(TimeSpan Latency, int FailureRatePercent);
