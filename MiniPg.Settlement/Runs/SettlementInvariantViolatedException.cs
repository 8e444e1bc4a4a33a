namespace MiniPg.Settlement.Runs;

/// <summary>The numbers of a run do not add up. The run is marked failed and nobody should be paid from it.</summary>
public sealed class SettlementInvariantViolatedException(DateOnly businessDate, IReadOnlyList<string> violations)
    : InvalidOperationException($"Settlement of {businessDate:yyyy-MM-dd} does not add up: {string.Join("; ", violations)}")
{
    public IReadOnlyList<string> Violations { get; } = violations;
}
