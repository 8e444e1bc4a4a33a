using System.Text.Json.Serialization;
using MiniPg.Acquirer.Ledger;

namespace MiniPg.Acquirer.Approvals;

/// <summary>
/// An approval as the acquirer reports it, to the approval call and to an inquiry alike. An approved (or cancelled)
/// one carries its transaction id, approval time and cancelled amount; a declined one its decline code and message.
/// A VOIDED tombstone has an amount of 0: nothing was ever approved.
/// </summary>
public sealed record ApprovalResponse(
    Guid RequestId,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TransactionId,
    long Amount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ApprovedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? CancelledAmount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DeclineCode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message)
{
    public static ApprovalResponse Of(Approval approval) => approval.Status switch
    {
        ApprovalStatus.Approved or ApprovalStatus.Cancelled => new(
            approval.RequestId, approval.Status.ToWire(), approval.TransactionId, approval.Amount, approval.ApprovedAt, approval.CancelledAmount, null, null),
        ApprovalStatus.Declined => new(
            approval.RequestId, approval.Status.ToWire(), null, approval.Amount, null, null, approval.DeclineCode, DeclineCodes.MessageOf(approval.DeclineCode!)),
        _ => new(approval.RequestId, approval.Status.ToWire(), null, approval.Amount, null, null, null, null),
    };
}

/// <summary>The answer to a net cancellation: what became of the request.</summary>
public sealed record VoidResponse(Guid RequestId, string Status);
