using System.Text.Json.Serialization;

namespace MiniPg.Acquirer.Transactions;

/// <summary>One line of the daily export: money approved or cancelled, as the acquirer will settle it.</summary>
public sealed record TransactionEntry(
    string Type,
    Guid RequestId,
    string TransactionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? CancellationId,
    Guid MerchantId,
    long Amount,
    DateTimeOffset OccurredAt)
{
    public const string Approval = "APPROVAL";
    public const string Cancellation = "CANCELLATION";
}
