using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiniPg.Infrastructure.Acquiring;

internal sealed record ApprovalRequestBody(Guid RequestId, Guid MerchantId, long Amount, string Currency, CardBody Card);

internal sealed record CardBody(string Number, int ExpiryMonth, int ExpiryYear);

internal sealed record ApprovalResponseBody(Guid RequestId, string Status, string? TransactionId, DateTimeOffset? ApprovedAt, string? DeclineCode, string? Message);

internal sealed record CancellationRequestBody(Guid CancellationId, long Amount, string Reason);

internal sealed record CancellationResponseBody(Guid CancellationId, long Amount, long RemainingAmount, DateTimeOffset CancelledAt);

internal sealed record TransactionBody(string Type, Guid RequestId, string TransactionId, Guid? CancellationId, Guid MerchantId, long Amount, DateTimeOffset OccurredAt);

internal sealed record ProblemBody(string? Title, string? Detail);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ApprovalRequestBody))]
[JsonSerializable(typeof(ApprovalResponseBody))]
[JsonSerializable(typeof(CancellationRequestBody))]
[JsonSerializable(typeof(CancellationResponseBody))]
[JsonSerializable(typeof(List<TransactionBody>))]
[JsonSerializable(typeof(ProblemBody))]
internal sealed partial class AcquirerJson : JsonSerializerContext;
