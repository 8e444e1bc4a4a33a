using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MiniPg.Api.Http;
using MiniPg.Api.Idempotency;
using MiniPg.Api.Payments;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Caching;

namespace MiniPg.Api.OpenApi;

/// <summary>
/// The Idempotency-Key look-up's examples and response descriptions (<c>GET /api/v1/idempotency-keys/{key}</c>): the
/// keys of the example payment's create and cancel, and a request still running. Their times follow the default
/// retention options, as the endpoint computes them.
/// </summary>
public static class IdempotencyKeyExamples
{
    private const string CreateKey = "5f1c2a4e-order-1001";

    private static readonly TimeSpan FastCopyKept = new IdempotencyOptions().ResponseRetention;
    private static readonly TimeSpan RecordKept = new IdempotencyRecordRetentionOptions().IdempotencyRecords;
    private static readonly TimeSpan LockKept = new IdempotencyOptions().InFlightLockTimeToLive;

    public static async Task GetIdempotencyKeyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        OperationExamples.DescribeParameter(
            operation, "key", $"The `{IdempotencyKeyHeader.Name}` you sent, percent-encoded as one path segment (a `/` as `%2F`).", CreateKey);

        var payment = PaymentExamples.PartlyCancelled;
        var location = PaymentResource.LocationOf(new PaymentId(payment.Id));
        var createdAt = payment.RequestedAt;
        var cancelledAt = payment.ApprovedAt!.Value.AddHours(2);
        var startedAt = payment.RequestedAt.AddMinutes(51);
        OperationExamples.SetResponse(
            operation,
            StatusCodes.Status200OK,
            "What MiniPg knows of the key: `completed` with the answer a retry receives, or `in_flight` while its request runs.",
            ApiJson.Default.IdempotencyKeyView,
            (
                "completed",
                "A payment request that was answered 202",
                Completed(CreateKey, createdAt, new IdempotencyKeyResponse(StatusCodes.Status202Accepted, location), location)),
            (
                "completedCancel",
                "A cancel that was answered 200 (a cancel's answer has no Location)",
                Completed("5f1c2a4e-order-1001-cancel-1", cancelledAt, new IdempotencyKeyResponse(StatusCodes.Status200OK, Location: null), location)),
            (
                "inFlight",
                "A request still being processed: ask again shortly",
                new IdempotencyKeyView(
                    "5f1c2a4e-order-1002",
                    IdempotencyKeyEndpoints.InFlight,
                    startedAt,
                    IdempotencyKeyEndpoints.FingerprintRule,
                    Response: null,
                    Resource: null,
                    CachedUntil: null,
                    startedAt + LockKept)));

        await OperationExamples.DescribeProblemAsync(
            operation,
            context,
            StatusCodes.Status400BadRequest,
            $"The key is not a valid `{IdempotencyKeyHeader.Name}`: 1–{IdempotencyKeyHeader.MaxLength} printable ASCII characters.",
            PaymentEndpoints.InvalidKey(IdempotencyKeyHeader.Problem("café-order-1001")!).ProblemDetails,
            cancellationToken);
        await OperationExamples.DescribeProblemAsync(
            operation,
            context,
            StatusCodes.Status404NotFound,
            "The key is unknown to your merchant account: never used, its request was refused as invalid (the key is still free), or "
                + "it was forgotten after `expiresAt`.",
            IdempotencyKeyEndpoints.KeyNotFound().ProblemDetails,
            cancellationToken);
    }

    private static IdempotencyKeyView Completed(string key, DateTimeOffset answeredAt, IdempotencyKeyResponse response, string resource) => new(
        key,
        IdempotencyKeyEndpoints.Completed,
        answeredAt,
        IdempotencyKeyEndpoints.FingerprintRule,
        response,
        resource,
        answeredAt + FastCopyKept,
        answeredAt + RecordKept);
}
