namespace MiniPg.Acquirer.Ledger;

/// <summary>A cancellation of (part of) an approval, keyed by the caller's cancellation id for idempotency.</summary>
public sealed class Cancellation(
    Guid cancellationId, Guid requestId, Guid merchantId, string transactionId, long amount, long remainingAmount, string? reason, DateTimeOffset cancelledAt)
{
    public const int MaxReasonLength = 200;

    public Guid CancellationId { get; private set; } = cancellationId;

    public Guid RequestId { get; private set; } = requestId;

    public Guid MerchantId { get; private set; } = merchantId;

    public string TransactionId { get; private set; } = transactionId;

    public long Amount { get; private set; } = amount;

    /// <summary>What remained of the approval right after this cancellation.</summary>
    public long RemainingAmount { get; private set; } = remainingAmount;

    public string? Reason { get; private set; } = reason;

    public DateTimeOffset CancelledAt { get; private set; } = cancelledAt;
}
