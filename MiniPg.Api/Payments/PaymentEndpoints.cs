using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MiniPg.Api.Auth;
using MiniPg.Api.Idempotency;
using MiniPg.Api.Infrastructure;
using MiniPg.Core;
using MiniPg.Core.Money;
using MiniPg.Core.Payments;
using MiniPg.Core.Persistence;

namespace MiniPg.Api.Payments;

public static class PaymentEndpoints
{
    /// <summary>A payment request body is small; anything larger is refused before it is read.</summary>
    public const long MaxRequestBodyBytes = 16 * 1024;

    /// <summary>Part of every create request's fingerprint, so a key reused on another endpoint never matches.</summary>
    public const string CreatePaymentOperation = "POST /api/v1/payments";

    public static IEndpointRouteBuilder MapPaymentEndpoints(this IEndpointRouteBuilder routes)
    {
        var payments = routes.MapGroup("/api/v1/payments")
            .RequireAuthorization()
            .WithTags("Payments");

        payments.MapPost("/", CreatePayment)
            .WithName(nameof(CreatePayment))
            .WithSummary("Request a card payment")
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBodyBytes))
            .Accepts<CreatePaymentRequest>("application/json")
            .Produces<PaymentResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        payments.MapGet("/{id}", GetPayment)
            .WithName(nameof(GetPayment))
            .WithSummary("Get a payment")
            .Produces<PaymentResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return routes;
    }

    /// <summary>
    /// Records the payment as REQUESTED with its <c>payment.requested</c> outbox row and answers 202 at once;
    /// the acquirer is called later by the Processor.
    /// </summary>
    public static async Task<Results<StoredResponseResult, ProblemHttpResult>> CreatePayment(
        CreatePaymentRequest request,
        [FromHeader(Name = IdempotencyKeyHeader.Name)] string? idempotencyKey,
        ClaimsPrincipal user,
        IdempotentRequests idempotentRequests,
        MiniPgDbContext db,
        PaymentStatusCache cache,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (IdempotencyKeyHeader.Problem(idempotencyKey) is { } keyProblem)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid Idempotency-Key", detail: keyProblem);
        }

        var now = time.GetUtcNowForStorage();
        if (new CardExpiry(request.Card!.ExpiryYear!.Value, request.Card.ExpiryMonth!.Value).HasExpiredBy(DateOnly.FromDateTime(now.UtcDateTime)))
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(
                new Dictionary<string, string[]> { ["card.expiryYear"] = ["The card has expired."] }) { Status = StatusCodes.Status400BadRequest });
        }

        var merchantId = user.MerchantId();
        var fingerprint = RequestFingerprint.Of(CreatePaymentOperation, request, ApiJson.Default.CreatePaymentRequest);
        var cardNumber = CardNumber.Parse(request.Card.Number!);
        var paymentId = PaymentId.New(time);
        var result = await idempotentRequests.ExecuteAsync(merchantId, idempotencyKey!, fingerprint, _ =>
        {
            var payment = Payment.Request(
                paymentId, merchantId, request.OrderId!, request.OrderName!, new Won(request.Amount!.Value),
                cardNumber.Summarize(CardTokens.New()), now);
            db.Payments.Add(payment);
            var body = JsonSerializer.SerializeToUtf8Bytes(payment.ToResponse(), ApiJson.Default.PaymentResponse);
            return Task.FromResult<Staged>(new Staged.Commit(new StoredResponse(StatusCodes.Status202Accepted, PaymentMapping.LocationOf(paymentId), body)));
        }, cancellationToken);

        if (result.Result is StoredResponseResult { Replayed: false } created)
        {
            await cache.SetAsync(merchantId, paymentId, created.Response.Body);
        }

        return result;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetPayment(
        string id,
        ClaimsPrincipal user,
        MiniPgDbContext db,
        PaymentStatusCache cache,
        CancellationToken cancellationToken)
    {
        var merchantId = user.MerchantId();
        if (!PaymentId.TryParse(id, out var paymentId))
        {
            return PaymentNotFound(id);
        }

        if (await cache.GetAsync(merchantId, paymentId) is { } cached)
        {
            return TypedResults.Bytes(cached, "application/json; charset=utf-8");
        }

        var payment = await db.Payments.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == paymentId && p.MerchantId == merchantId, cancellationToken);
        if (payment is null)
        {
            return PaymentNotFound(id);
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(payment.ToResponse(), ApiJson.Default.PaymentResponse);
        await cache.SetAsync(merchantId, paymentId, body);
        return TypedResults.Bytes(body, "application/json; charset=utf-8");
    }

    /// <summary>Another merchant's payment is "not found" too: a 403 would confirm that the id exists.</summary>
    private static ProblemHttpResult PaymentNotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Payment not found",
        detail: $"No payment {id} exists for this merchant.");
}
