using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MiniPg.Api.Http;
using MiniPg.Api.Idempotency;
using MiniPg.Api.Payments;
using MiniPg.Domain;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Caching;

namespace MiniPg.Api.OpenApi;

/// <summary>A test card of the mock acquirer and what it does to a payment.</summary>
public sealed record TestCard(string Name, string Number, string Outcome);

/// <summary>
/// The payment operations' examples and response descriptions. Every example is a real request or resource type
/// serialized as the API serializes it, so its field names are the ones on the wire.
/// </summary>
public static class PaymentExamples
{
    /// <summary>The mock acquirer's test cards (its <c>Approvals/TestCards.cs</c>, and the README's table).</summary>
    public static readonly TestCard[] TestCards =
    [
        new("approved", "4242424242424242", "approved"),
        new("declined", "4000000000000002", "declined: `card_declined`"),
        new("insufficientFunds", "4000000000009995", "declined: `insufficient_funds`"),
        new("transientFailure", "4000000000000119", "the acquirer fails once, MiniPg retries, and the payment is approved"),
        new("slowAcquirer", "4000000000000341", "the acquirer answers too late; MiniPg asks it again and the payment is approved"),
    ];

    private static readonly Guid PaymentId = Guid.Parse("019ab3c1-7d2e-7c4a-9a51-3f0c8e6b2d10");
    private static readonly DateTimeOffset RequestedAt = new(2026, 11, 25, 3, 28, 0, TimeSpan.Zero);

    private static readonly PaymentResource Requested = new(
        PaymentId, "order-1001", "Coffee beans", 15_000, "KRW", WireNames.Of(PaymentStatus.Requested), 0, new CardResource("VISA", "4242"),
        Failure: null, RequestedAt, ApprovedAt: null, SettledAt: null, CancelledAt: null);

    internal static readonly PaymentResource Approved = Requested with { Status = WireNames.Of(PaymentStatus.Approved), ApprovedAt = RequestedAt.AddSeconds(1) };

    internal static readonly PaymentResource Declined = Requested with
    {
        Status = WireNames.Of(PaymentStatus.Failed),
        Card = new CardResource("VISA", "0002"),
        Failure = new FailureResource("card_declined", "The card issuer declined the payment."),
    };

    internal static readonly PaymentResource PartlyCancelled = Approved with { CancelledAmount = 5_000 };

    private static readonly PaymentResource Cancelled = Approved with
    {
        Status = WireNames.Of(PaymentStatus.Cancelled),
        CancelledAmount = 15_000,
        CancelledAt = RequestedAt.AddHours(2),
    };

    public static async Task CreatePaymentAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        SetRequestExamples(operation, TestCards.ToDictionary(
            card => card.Name,
            card => new OpenApiExample
            {
                Summary = $"Test card {card.Number}: {card.Outcome}",
                Value = JsonSerializer.SerializeToNode(
                    new CreatePaymentRequest("order-1001", 15_000, "KRW", "Coffee beans", new CardRequest(card.Number, 12, 2030)),
                    ApiJson.Default.CreatePaymentRequest),
            }));

        var accepted = SetResponse(
            operation,
            StatusCodes.Status202Accepted,
            "Accepted: the payment is `REQUESTED` and the card is being authorized. A retry with the same key and body answers "
                + "this response again, byte for byte.",
            ("requested", "A new payment", Requested));
        accepted.Headers = new Dictionary<string, IOpenApiHeader>
        {
            ["Location"] = new OpenApiHeader { Description = "The payment's URL.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
            [IdempotencyKeyHeader.ReplayedHeaderName] = new OpenApiHeader
            {
                Description = "`true` when this is the stored answer to an earlier request with the same key.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };

        await ProblemAsync(
            StatusCodes.Status400BadRequest,
            "The body or the `Idempotency-Key` is invalid; each field in error is named. The key is not used up: fix the request and send it again with the same key.",
            TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["amount"] = ["amount must be a whole number of won from 1 to 1,000,000,000."],
                ["currency"] = ["currency must be KRW."],
            }).ProblemDetails);
        await ProblemAsync(StatusCodes.Status400BadRequest, null, PaymentEndpoints.InvalidKey(IdempotencyKeyHeader.Problem(null)!).ProblemDetails);
        await ProblemAsync(
            StatusCodes.Status409Conflict,
            "A request with this `Idempotency-Key` is still being processed: retry shortly to receive its answer.",
            IdempotencyProblems.RequestInFlight().ProblemDetails);
        await ProblemAsync(
            StatusCodes.Status422UnprocessableEntity,
            "This `Idempotency-Key` was used with a different request. Use a new key for a new payment.",
            IdempotencyProblems.KeyReusedWithDifferentRequest().ProblemDetails);

        Task ProblemAsync(int status, string? description, ProblemDetails problem) => OperationExamples.DescribeProblemAsync(operation, context, status, description, problem, cancellationToken);
    }

    public static async Task GetPaymentAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        DescribePaymentId(operation);
        SetResponse(
            operation,
            StatusCodes.Status200OK,
            "The payment as it stands now.",
            ("approved", "Approved", Approved),
            ("declined", "Declined by the card issuer", Declined),
            ("partlyCancelled", "Approved, 5,000 won of it cancelled", PartlyCancelled),
            ("cancelled", "Cancelled in full", Cancelled));
        await OperationExamples.DescribeProblemAsync(
            operation,
            context,
            StatusCodes.Status404NotFound,
            "No payment with this id exists for your merchant account.",
            PaymentEndpoints.PaymentNotFound(PaymentId.ToString()).ProblemDetails,
            cancellationToken);
    }

    public static async Task CancelPaymentAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        DescribePaymentId(operation);
        SetRequestExamples(operation, new Dictionary<string, OpenApiExample>
        {
            ["partial"] = new()
            {
                Summary = "Cancel 5,000 won of the payment",
                Value = JsonSerializer.SerializeToNode(new CancelPaymentRequest(5_000, "One item returned"), ApiJson.Default.CancelPaymentRequest),
            },
            ["remaining"] = new()
            {
                Summary = "Cancel whatever remains",
                Value = JsonSerializer.SerializeToNode(new CancelPaymentRequest(null, "Order cancelled by the customer"), ApiJson.Default.CancelPaymentRequest),
            },
        });

        SetResponse(
            operation,
            StatusCodes.Status200OK,
            "Cancelled: the acquirer refunded the amount and MiniPg recorded it. A retry with the same key and body answers this response again.",
            ("partial", "5,000 won of 15,000 cancelled", PartlyCancelled),
            ("remaining", "Everything cancelled", Cancelled));

        await ProblemAsync(
            StatusCodes.Status400BadRequest,
            "The body or the `Idempotency-Key` is invalid; each field in error is named. The key is not used up.",
            TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["The reason field is required."] }).ProblemDetails);
        await ProblemAsync(
            StatusCodes.Status404NotFound, "No payment with this id exists for your merchant account.", PaymentEndpoints.PaymentNotFound(PaymentId.ToString()).ProblemDetails);
        await ProblemAsync(
            StatusCodes.Status409Conflict,
            "The payment is still `REQUESTED` (cancel it once it is `APPROVED`), a request with this `Idempotency-Key` is still "
                + "being processed, or the payment changed while this request ran: retry with the same key.",
            Problem(StatusCodes.Status409Conflict, "Payment not approved yet", "The payment is still being authorized; cancel it once it is APPROVED."));
        await ProblemAsync(StatusCodes.Status409Conflict, null, IdempotencyProblems.RequestInFlight().ProblemDetails);
        await ProblemAsync(StatusCodes.Status409Conflict, null, IdempotencyProblems.ConcurrentChange().ProblemDetails);
        await ProblemAsync(
            StatusCodes.Status422UnprocessableEntity,
            "Nothing can be cancelled: the amount is more than remains (less the cancels in progress), the payment is `FAILED` or "
                + "`CANCELLED`, or the acquirer refused the cancel. Also: this `Idempotency-Key` was used with a different request.",
            Problem(StatusCodes.Status422UnprocessableEntity, "Cancel amount exceeds what remains", "10000 won of this payment can still be cancelled; 20000 was asked."));
        await ProblemAsync(StatusCodes.Status422UnprocessableEntity, null, IdempotencyProblems.KeyReusedWithDifferentRequest().ProblemDetails);
        await ProblemAsync(
            StatusCodes.Status503ServiceUnavailable,
            "The acquirer did not answer. The amount stays reserved for this cancel: retry with the same `Idempotency-Key` to finish it; "
                + "MiniPg also finishes or releases it on its own once the acquirer answers.",
            Problem(
                StatusCodes.Status503ServiceUnavailable,
                "Card acquirer unavailable",
                "The card acquirer did not answer. The cancel is held for this payment: retry with the same Idempotency-Key to finish it; "
                    + "MiniPg also finishes or releases it on its own once the acquirer answers."));

        Task ProblemAsync(int status, string? description, ProblemDetails problem) => OperationExamples.DescribeProblemAsync(operation, context, status, description, problem, cancellationToken);
    }

    private static ProblemDetails Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail).ProblemDetails;

    private static void DescribePaymentId(OpenApiOperation operation)
    {
        if (operation.Parameters?.OfType<OpenApiParameter>().SingleOrDefault(parameter => parameter.Name == "id") is { } id)
        {
            id.Description = "The payment's `id`, as in the resource and its `Location`.";
            id.Example = JsonValue.Create(PaymentId.ToString());
        }
    }

    private static void SetRequestExamples(OpenApiOperation operation, IDictionary<string, OpenApiExample> examples)
    {
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var content) == true)
        {
            content.Examples = examples.ToDictionary(example => example.Key, example => (IOpenApiExample)example.Value);
        }
    }

    private static OpenApiResponse SetResponse(OpenApiOperation operation, int status, string description, params (string Name, string Summary, PaymentResource Payment)[] examples)
    {
        var response = (OpenApiResponse)operation.Responses![status.ToString(CultureInfo.InvariantCulture)];
        response.Description = description;
        if (response.Content?.TryGetValue("application/json", out var content) == true)
        {
            content.Examples = examples.ToDictionary(
                example => example.Name,
                example => (IOpenApiExample)new OpenApiExample { Summary = example.Summary, Value = JsonSerializer.SerializeToNode(example.Payment, JsonSerializerOptions.Web) });
        }

        return response;
    }
}
