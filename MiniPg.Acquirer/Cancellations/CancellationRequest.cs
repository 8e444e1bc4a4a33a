using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using MiniPg.Acquirer.Approvals;
using MiniPg.Acquirer.Ledger;

namespace MiniPg.Acquirer.Cancellations;

/// <summary>The body of <c>POST /v1/approvals/{requestId}/cancellations</c>; without an amount, everything that remains is cancelled.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CancellationRequest(
    [property: Required] Guid? CancellationId,
    [property: Range(1, ApprovalRequest.MaxAmount)] long? Amount,
    [property: StringLength(Cancellation.MaxReasonLength)] string? Reason);

public sealed record CancellationResponse(Guid CancellationId, Guid RequestId, long Amount, long RemainingAmount, DateTimeOffset CancelledAt)
{
    public static CancellationResponse Of(Cancellation cancellation) => new(
        cancellation.CancellationId, cancellation.RequestId, cancellation.Amount, cancellation.RemainingAmount, cancellation.CancelledAt);
}
