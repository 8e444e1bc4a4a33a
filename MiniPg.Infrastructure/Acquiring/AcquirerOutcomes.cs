namespace MiniPg.Infrastructure.Acquiring;

/// <summary>What the acquirer said about an approval, or that we do not know.</summary>
public abstract record ApprovalOutcome
{
    private ApprovalOutcome()
    {
    }

    public sealed record Approved(string TransactionId, DateTimeOffset ApprovedAt) : ApprovalOutcome;

    public sealed record Declined(string Code, string Message) : ApprovalOutcome;

    /// <summary>Net-cancelled (or voided before it was seen): the card is not charged.</summary>
    public sealed record NotCharged(string Status) : ApprovalOutcome;

    /// <summary>The acquirer has no record of the request: it was never processed.</summary>
    public sealed record NotFound : ApprovalOutcome;

    /// <summary>A timeout or an outage: the card may or may not be charged. Never a failure by itself.</summary>
    public sealed record Unknown(string Reason) : ApprovalOutcome;
}

/// <summary>What the acquirer said about a cancel.</summary>
public abstract record CancellationOutcome
{
    private CancellationOutcome()
    {
    }

    public sealed record Cancelled(long RemainingAmount, DateTimeOffset CancelledAt) : CancellationOutcome;

    public sealed record Refused(string Reason) : CancellationOutcome;

    public sealed record Unknown(string Reason) : CancellationOutcome;
}
