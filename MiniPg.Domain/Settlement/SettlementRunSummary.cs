namespace MiniPg.Domain.Settlement;

/// <summary>What a run did: its state and every merchant line of its date, as the operator interface shows it.</summary>
public sealed record SettlementRunSummary(
    DateOnly BusinessDate,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    string? Failure,
    IReadOnlyList<SettlementLineView> Lines,
    SettlementTotals Totals)
{
    public static SettlementRunSummary Of(SettlementRun run, IReadOnlyList<SettlementLine> lines) => new(
        run.BusinessDate,
        WireNames.Of(run.Status),
        run.StartedAt,
        run.CompletedAt,
        run.Failure,
        [.. lines.Select(SettlementLineView.Of)],
        new SettlementTotals(
            lines.Sum(line => line.GrossAmount.Value),
            lines.Sum(line => line.CancelledAmount.Value),
            lines.Sum(line => line.TotalAmount.Value),
            lines.Sum(line => line.FeeAmount.Value),
            lines.Sum(line => line.FeeVat.Value),
            lines.Sum(line => line.NetAmount.Value),
            lines.Sum(line => line.PaymentCount)));
}

public sealed record SettlementLineView(
    Guid MerchantId,
    DateOnly BusinessDate,
    long GrossAmount,
    long CancelledAmount,
    long TotalAmount,
    long FeeAmount,
    long FeeVat,
    long NetAmount,
    int PaymentCount,
    DateOnly PayoutDate)
{
    public static SettlementLineView Of(SettlementLine line) => new(
        line.MerchantId.Value,
        line.BusinessDate,
        line.GrossAmount.Value,
        line.CancelledAmount.Value,
        line.TotalAmount.Value,
        line.FeeAmount.Value,
        line.FeeVat.Value,
        line.NetAmount.Value,
        line.PaymentCount,
        line.PayoutDate);
}

public sealed record SettlementTotals(long GrossAmount, long CancelledAmount, long TotalAmount, long FeeAmount, long FeeVat, long NetAmount, int PaymentCount);
