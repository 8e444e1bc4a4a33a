namespace MiniPg.Settlement.Runs;

/// <summary>Another run of the same business date holds its lock; this one did nothing. Ask again once it has finished.</summary>
public sealed class SettlementRunInProgressException(DateOnly businessDate)
    : Exception($"A settlement run of {businessDate:yyyy-MM-dd} is in progress; ask again when it has finished, and it returns that run's summary.")
{
    public DateOnly BusinessDate { get; } = businessDate;
}
