using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MiniPg.Core.Acquiring;
using MiniPg.Core.Caching;
using MiniPg.Core.Cards;
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

    private const string JsonContentType = "application/json; charset=utf-8";

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
            .Produces<PaymentResource>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        payments.MapPost("/{id}/cancel", CancelPayment)
            .WithName(nameof(CancelPayment))
            .WithSummary("Cancel all or part of a payment")
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBodyBytes))
            .Accepts<CancelPaymentRequest>("application/json")
            .Produces<PaymentResource>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        payments.MapGet("/{id}", GetPayment)
            .WithName(nameof(GetPayment))
            .WithSummary("Get a payment")
            .Produces<PaymentResource>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return routes;
    }

    /// <summary>
    /// Records the payment as REQUESTED with its sealed card and its <c>payment.requested</c> outbox row, and answers
    /// 202 at once; the acquirer is called later by the Processor.
    /// </summary>
    public static async Task<Results<StoredResponseResult, ProblemHttpResult>> CreatePayment(
        CreatePaymentRequest request,
        [FromHeader(Name = IdempotencyKeyHeader.Name)] string? idempotencyKey,
        ClaimsPrincipal user,
        IdempotentRequests idempotentRequests,
        MiniPgDbContext db,
        CardVault vault,
        PaymentResourceCache cache,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (IdempotencyKeyHeader.Problem(idempotencyKey) is { } keyProblem)
        {
            return InvalidKey(keyProblem);
        }

        var now = time.GetUtcNowForStorage();
        var expiry = new CardExpiry(request.Card!.ExpiryYear!.Value, request.Card.ExpiryMonth!.Value);
        if (expiry.HasExpiredBy(DateOnly.FromDateTime(now.UtcDateTime)))
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(
                new Dictionary<string, string[]> { ["card.expiryYear"] = ["The card has expired."] }) { Status = StatusCodes.Status400BadRequest });
        }

        var merchantId = user.MerchantId();
        var fingerprint = RequestFingerprint.Of(CreatePaymentOperation, request, ApiJson.Default.CreatePaymentRequest);
        var cardNumber = CardNumber.Parse(request.Card.Number!);
        Payment? created = null;
        var result = await idempotentRequests.ExecuteAsync(merchantId, idempotencyKey!, fingerprint, _ =>
        {
            var token = CardVault.NewToken();
            vault.Seal(token, cardNumber, expiry);
            created = Payment.Request(
                PaymentId.New(time), merchantId, request.OrderId!, request.OrderName!, new Won(request.Amount!.Value), cardNumber.Summarize(token), now);
            db.Payments.Add(created);
            return Task.FromResult<Staged>(new Staged.Commit(new StoredResponse(
                StatusCodes.Status202Accepted, PaymentResource.LocationOf(created.Id), PaymentResource.JsonOf(created))));
        }, cancellationToken);

        if (result.Result is StoredResponseResult { Replayed: false } fresh && created is not null)
        {
            await cache.SetAsync(created, fresh.Response.Body);
        }

        return result;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetPayment(
        string id,
        ClaimsPrincipal user,
        MiniPgDbContext db,
        PaymentResourceCache cache,
        CancellationToken cancellationToken)
    {
        var merchantId = user.MerchantId();
        if (!PaymentId.TryParse(id, out var paymentId))
        {
            return PaymentNotFound(id);
        }

        if (await cache.GetAsync(merchantId, paymentId) is { } cached)
        {
            return TypedResults.Bytes(cached, JsonContentType);
        }

        var payment = await db.Payments.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == paymentId && p.MerchantId == merchantId, cancellationToken);
        if (payment is null)
        {
            return PaymentNotFound(id);
        }

        var body = PaymentResource.JsonOf(payment);
        await cache.SetAsync(payment, body);
        return TypedResults.Bytes(body, JsonContentType);
    }

    /// <summary>
    /// Cancels all or part of an approved payment: the acquirer first (by a cancellation id derived from the key, so a
    /// retry can never cancel twice there), then the aggregate, its <c>payment.cancelled</c> event and the stored answer
    /// in one transaction. A concurrent change to the same payment is a 409 the merchant retries with the same key.
    /// </summary>
    public static async Task<Results<StoredResponseResult, ProblemHttpResult>> CancelPayment(
        string id,
        CancelPaymentRequest request,
        [FromHeader(Name = IdempotencyKeyHeader.Name)] string? idempotencyKey,
        ClaimsPrincipal user,
        IdempotentRequests idempotentRequests,
        MiniPgDbContext db,
        IAcquirerClient acquirer,
        PaymentResourceCache cache,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (IdempotencyKeyHeader.Problem(idempotencyKey) is { } keyProblem)
        {
            return InvalidKey(keyProblem);
        }

        var merchantId = user.MerchantId();
        if (!PaymentId.TryParse(id, out var paymentId))
        {
            return PaymentNotFound(id);
        }

        var fingerprint = RequestFingerprint.Of($"POST /api/v1/payments/{paymentId}/cancel", request, ApiJson.Default.CancelPaymentRequest);
        var cancellationId = CancellationIds.For(merchantId, idempotencyKey!);
        Payment? cancelled = null;
        var result = await idempotentRequests.ExecuteAsync(merchantId, idempotencyKey!, fingerprint, async ct =>
        {
            var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == paymentId && p.MerchantId == merchantId, ct);
            if (CancelRefusal(payment, request, id) is { } refusal)
            {
                return new Staged.Reject(refusal);
            }

            var amount = request.Amount is { } requested ? new Won(requested) : payment!.RemainingAmount;
            switch (await acquirer.CancelAsync(paymentId, cancellationId, amount, request.Reason!, ct))
            {
                case CancellationOutcome.Cancelled done:
                    payment!.Cancel(cancellationId, amount, request.Reason!, done.CancelledAt);
                    cancelled = payment;
                    return new Staged.Commit(new StoredResponse(StatusCodes.Status200OK, null, PaymentResource.JsonOf(payment)));
                case CancellationOutcome.Refused refused:
                    return new Staged.Reject(TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Cancel refused by the card acquirer", detail: refused.Reason));
                default:
                    return new Staged.Reject(TypedResults.Problem(
                        statusCode: StatusCodes.Status503ServiceUnavailable,
                        title: "Card acquirer unavailable",
                        detail: "The card acquirer did not answer. Nothing changed at MiniPg; retry with the same Idempotency-Key."));
            }
        }, cancellationToken);

        if (result.Result is StoredResponseResult { Replayed: false } fresh && cancelled is not null)
        {
            await cache.SetAsync(cancelled, fresh.Response.Body);
        }

        return result;
    }

    private static ProblemHttpResult? CancelRefusal(Payment? payment, CancelPaymentRequest request, string id) => payment switch
    {
        null => PaymentNotFound(id),
        { Status: PaymentStatus.Requested } => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict, title: "Payment not approved yet", detail: "The payment is still being authorized; cancel it once it is APPROVED."),
        { Status: PaymentStatus.Failed or PaymentStatus.Cancelled } => TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity, title: "Nothing to cancel", detail: $"The payment is {WireNames.Of(payment.Status)}."),
        _ when request.Amount > payment.RemainingAmount.Value => TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Cancel amount exceeds what remains",
            detail: $"{payment.RemainingAmount.Value} won remains of this payment; {request.Amount} was asked."),
        _ => null,
    };

    private static ProblemHttpResult InvalidKey(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid Idempotency-Key", detail: detail);

    /// <summary>Another merchant's payment is "not found" too: a 403 would confirm that the id exists.</summary>
    private static ProblemHttpResult PaymentNotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Payment not found",
        detail: $"No payment {id} exists for this merchant.");
}
