namespace MiniPg.Acquirer.Ledger;

/// <summary>
/// One approval request as the acquirer's ledger knows it, keyed by the caller's request id: that unique key is what
/// makes approvals idempotent and lets a void and a late approval of the same request race safely.
/// </summary>
public sealed class Approval
{
    private Approval()
    {
    }

    public Guid RequestId { get; private set; }

    /// <summary>Null only for a <see cref="ApprovalStatus.Voided"/> tombstone, which never saw the request.</summary>
    public Guid? MerchantId { get; private set; }

    public long Amount { get; private set; }

    public string? CardBin { get; private set; }

    public string? CardLast4 { get; private set; }

    public ApprovalStatus Status { get; private set; }

    public string? TransactionId { get; private set; }

    public string? DeclineCode { get; private set; }

    public long CancelledAmount { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public long RemainingAmount => Amount - CancelledAmount;

    public static Approval Approve(Guid requestId, Guid merchantId, long amount, CardDigits card, string transactionId, DateTimeOffset now) => new()
    {
        RequestId = requestId,
        MerchantId = merchantId,
        Amount = amount,
        CardBin = card.Bin,
        CardLast4 = card.Last4,
        Status = ApprovalStatus.Approved,
        TransactionId = transactionId,
        RecordedAt = now,
        ApprovedAt = now,
    };

    public static Approval Decline(Guid requestId, Guid merchantId, long amount, CardDigits card, string declineCode, DateTimeOffset now) => new()
    {
        RequestId = requestId,
        MerchantId = merchantId,
        Amount = amount,
        CardBin = card.Bin,
        CardLast4 = card.Last4,
        Status = ApprovalStatus.Declined,
        DeclineCode = declineCode,
        RecordedAt = now,
    };

    public static Approval Tombstone(Guid requestId, DateTimeOffset now) => new()
    {
        RequestId = requestId,
        Status = ApprovalStatus.Voided,
        RecordedAt = now,
    };

    /// <summary>Whether a repeated approval request is the same request (same amount, same card) as the one recorded.</summary>
    public bool Matches(long amount, CardDigits card) => Amount == amount && CardLast4 == card.Last4;

    /// <summary>Cancels part or all of what remains. The caller holds the row lock, so two cancels never both see the same remainder.</summary>
    public Cancellation Cancel(Guid cancellationId, long amount, string? reason, DateTimeOffset now)
    {
        if (Status != ApprovalStatus.Approved)
        {
            throw new InvalidOperationException($"Only an approved request can be cancelled; this one is {Status.ToWire()}.");
        }

        if (amount <= 0 || amount > RemainingAmount)
        {
            throw new InvalidOperationException($"Cannot cancel {amount} won when {RemainingAmount} remain.");
        }

        CancelledAmount += amount;
        if (RemainingAmount == 0)
        {
            Status = ApprovalStatus.Cancelled;
        }

        return new Cancellation(cancellationId, RequestId, MerchantId!.Value, TransactionId!, amount, RemainingAmount, reason, now);
    }
}
