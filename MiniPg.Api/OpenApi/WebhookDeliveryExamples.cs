using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MiniPg.Api.Webhooks;
using MiniPg.Domain;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Webhooks;

namespace MiniPg.Api.OpenApi;

/// <summary>
/// The delivery log's and redelivery's examples and response descriptions
/// (<c>/api/v1/webhook-endpoints/{id}/deliveries</c>). Each delivery is a <see cref="WebhookDelivery"/> that recorded
/// its attempts against the default retry schedule, shown through the resource the operations answer with.
/// </summary>
public static class WebhookDeliveryExamples
{
    /// <summary>What the sender records when an endpoint does not answer within its request timeout.</summary>
    private const string NoAnswer = "No answer within 10 s.";

    private static readonly Guid FailedDeliveryId = Guid.Parse("019ab0f2-9d31-7a6e-b257-c84e1f03a9d6");

    private static readonly string[] Statuses = [.. Enum.GetValues<WebhookDeliveryStatus>().Select(WireNames.Of)];

    public static async Task ListWebhookDeliveriesAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        WebhookEndpointExamples.DescribeEndpointId(operation);
        OperationExamples.DescribeParameter(operation, "status", "Only deliveries in this status.", WireNames.Of(WebhookDeliveryStatus.Pending), Statuses);
        OperationExamples.DescribeParameter(
            operation, "limit", $"Deliveries per page: 1 to {WebhookDeliveryEndpoints.MaxLimit}, {WebhookDeliveryEndpoints.DefaultLimit} if left out.", "20");

        var retrying = Retrying();
        var delivered = PaymentTimelineExamples.CompletedDelivery();
        var nextCursor = WebhookDeliveryCursor.After(delivered).Encode();
        OperationExamples.DescribeParameter(
            operation, "cursor", "`nextCursor` of the previous page, unchanged; leave it out for the first page. Keep `status` as it was.", nextCursor);

        OperationExamples.SetResponse(
            operation,
            StatusCodes.Status200OK,
            "A page of the endpoint's deliveries, newest first, each with its attempts. `hasMore` says whether another page follows; `nextCursor` asks for it.",
            WebhookJson.Default.WebhookDeliveryPage,
            (
                "firstPage",
                "The first page of two (`limit=2`): a delivery being retried, one delivered, and more follow",
                new WebhookDeliveryPage([Resource(retrying), Resource(delivered)], HasMore: true, nextCursor)));

        await OperationExamples.DescribeProblemAsync(
            operation,
            context,
            StatusCodes.Status400BadRequest,
            "A parameter is invalid; each one in error is named.",
            TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["status"] = [$"Unknown status: use one of {string.Join(", ", Statuses)}."],
            }).ProblemDetails,
            cancellationToken);
        await OperationExamples.DescribeProblemAsync(
            operation,
            context,
            StatusCodes.Status404NotFound,
            "No webhook endpoint with this id exists for your merchant account. A deleted endpoint's log can still be read.",
            WebhookEndpoints.EndpointNotFound(WebhookEndpointExamples.EndpointId.ToString()).ProblemDetails,
            cancellationToken);
    }

    public static async Task RedeliverWebhookDeliveryAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        WebhookEndpointExamples.DescribeEndpointId(operation);
        OperationExamples.DescribeParameter(operation, "deliveryId", "The delivery's `id`, as in the endpoint's delivery log.", FailedDeliveryId.ToString());

        var redelivered = Failed();
        redelivered.Redeliver(redelivered.LastAttemptAt!.Value.AddHours(3));
        OperationExamples.SetResponse(
            operation,
            StatusCodes.Status202Accepted,
            "Queued: the delivery is `PENDING`, due at once (`nextAttemptAt`), with the whole retry schedule ahead of it.",
            WebhookJson.Default.WebhookDeliveryResource,
            ("failed", $"A delivery that was FAILED after its {WebhookRetrySchedule.Default.MaxAttempts} attempts", Resource(redelivered)));

        await OperationExamples.DescribeProblemAsync(
            operation,
            context,
            StatusCodes.Status404NotFound,
            "No delivery with this id exists for this endpoint of your merchant account, or the endpoint was deleted.",
            WebhookDeliveryEndpoints.DeliveryNotFound(FailedDeliveryId.ToString()).ProblemDetails,
            cancellationToken);
        await OperationExamples.DescribeProblemAsync(
            operation,
            context,
            StatusCodes.Status409Conflict,
            "MiniPg was recording an attempt of the delivery at that moment: redeliver it again.",
            WebhookDeliveryEndpoints.RedeliverConflict().ProblemDetails,
            cancellationToken);
    }

    /// <summary>The <c>payment.cancelled</c> webhook of the example payment's partial cancel: unanswered once, then a 503, due again a minute later.</summary>
    private static WebhookDelivery Retrying()
    {
        var cancelled = PaymentExamples.PartlyCancelled;
        var createdAt = cancelled.ApprovedAt!.Value.AddHours(2).AddMilliseconds(240);
        var delivery = WebhookDelivery.For(
            Guid.Parse("019ab40f-1e87-7c3b-93d5-6a2f8b0e4c71"),
            WebhookEndpointExamples.Endpoint(),
            Guid.Parse("019ab40f-1e80-7f24-8a61-b3c9d7e05f12"),
            WebhookEventTypes.PaymentCancelled,
            new PaymentId(cancelled.Id),
            "{}",
            createdAt);
        delivery.RecordAttempt(createdAt.AddMilliseconds(85), TimeSpan.FromMilliseconds(10_002), statusCode: null, NoAnswer, WebhookRetrySchedule.Default);
        delivery.RecordAttempt(delivery.NextAttemptAt!.Value.AddMilliseconds(40), TimeSpan.FromMilliseconds(87), StatusCodes.Status503ServiceUnavailable, error: null, WebhookRetrySchedule.Default);
        return delivery;
    }

    /// <summary>A <c>payment.failed</c> webhook whose endpoint answered 500 to every attempt of the schedule.</summary>
    private static WebhookDelivery Failed()
    {
        var createdAt = new DateTimeOffset(2026, 11, 24, 10, 12, 7, TimeSpan.Zero);
        var delivery = WebhookDelivery.For(
            FailedDeliveryId,
            WebhookEndpointExamples.Endpoint(),
            Guid.Parse("019ab0f2-9d2c-7e05-8f4a-19b6c2d7e380"),
            WebhookEventTypes.PaymentFailed,
            new PaymentId(Guid.Parse("019ab0f2-8b10-7d93-a6c4-5e21f9b03d87")),
            "{}",
            createdAt);
        while (delivery.Status == WebhookDeliveryStatus.Pending)
        {
            delivery.RecordAttempt(delivery.NextAttemptAt!.Value.AddMilliseconds(60), TimeSpan.FromMilliseconds(31), StatusCodes.Status500InternalServerError, error: null, WebhookRetrySchedule.Default);
        }

        return delivery;
    }

    private static WebhookDeliveryResource Resource(WebhookDelivery delivery) => WebhookDeliveryResource.Of(delivery, delivery.Attempts);
}
