namespace MiniPg.Domain.Reconciliation;

/// <summary>
/// One line of the acquirer's daily export: money it approved or cancelled. <see cref="RequestId"/> is our payment id;
/// <see cref="CancellationId"/> is set on cancellations only (a void's is one the acquirer generated).
/// </summary>
public sealed record AcquirerTransaction(
    string Type,
    Guid RequestId,
    string TransactionId,
    Guid? CancellationId,
    Guid MerchantId,
    long Amount,
    DateTimeOffset OccurredAt)
{
    public const string Approval = "APPROVAL";
    public const string Cancellation = "CANCELLATION";
}
