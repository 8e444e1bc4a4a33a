using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MiniPg.Api.Auth;
using MiniPg.Api.Http;
using MiniPg.Api.Idempotency;
using MiniPg.Api.OpenApi;
using MiniPg.Domain;
using MiniPg.Domain.Cards;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Acquiring;
using MiniPg.Infrastructure.Caching;
using MiniPg.Infrastructure.Cards;
using MiniPg.Infrastructure.Persistence;

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
            .WithDescription(
                "Accepts a card payment and answers `202` at once with the payment `REQUESTED`: MiniPg authorizes the card "
                + "with the acquirer in the background. Follow it with `GET` on the `Location`, or wait for the "
                + "`payment.completed` or `payment.failed` webhook. Send a unique `Idempotency-Key` (a UUID is ideal) and reuse "
                + "it when you retry: the same key with the same body answers the first response again, byte for byte, with "
                + "`Idempotent-Replayed: true`, and never makes a second payment. `amount` is a whole number of won and "
                + "`currency` is `KRW`. Unknown fields are refused, so a CVC is never accepted. The examples use the test cards, "
                + "each of which leads to another outcome.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBodyBytes))
            .Accepts<CreatePaymentRequest>("application/json")
            .Produces<PaymentResource>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer(PaymentExamples.CreatePaymentAsync);

        payments.MapPost("/{id}/cancel", CancelPayment)
            .WithName(nameof(CancelPayment))
            .WithSummary("Cancel all or part of a payment")
            .WithDescription(
                "Cancels the whole payment, or part of it when `amount` is given. MiniPg asks the acquirer to refund the card "
                + "before it answers, so a `200` is money refunded and recorded, and no other answer moved money. Partial cancels "
                + "add up in `cancelledAmount`; when nothing remains the payment is `CANCELLED`. Only an `APPROVED` or `SETTLED` "
                + "payment can be cancelled. Cancels of the same payment are decided one after another against what remains. "
                + "Retrying with the same `Idempotency-Key` never cancels twice; after a `503` the amount stays reserved for "
                + "this cancel until a retry with the key finishes it, or MiniPg finishes or releases it on its own.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBodyBytes))
            .Accepts<CancelPaymentRequest>("application/json")
            .Produces<PaymentResource>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AddOpenApiOperationTransformer(PaymentExamples.CancelPaymentAsync);

        payments.MapGet("/{id}", GetPayment)
            .WithName(nameof(GetPayment))
            .WithSummary("Get a payment")
            .WithDescription(
                "The payment as it stands now: `REQUESTED`, then `APPROVED` or `FAILED` (with `failure.code` `card_declined`, "
                + "`insufficient_funds` or `acquirer_unavailable`), later `SETTLED`, or `CANCELLED` once everything is cancelled; "
                + "a partial cancel keeps the status and grows `cancelledAmount`. Polling is cheap. Another merchant's payment is "
                + "`404`, as is an id that does not exist.")
            .Produces<PaymentResource>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer(PaymentExamples.GetPaymentAsync);

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
        RequestFingerprint fingerprints,
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
        var fingerprint = fingerprints.Of(CreatePaymentOperation, request, ApiJson.Default.CreatePaymentRequest);
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
    /// Cancels all or part of an approved payment. The amount is first reserved on the payment (committed, so
    /// concurrent cancels are decided against what remains, one after another), then the acquirer is asked under a
    /// cancellation id derived from the key (a retry can never cancel twice there), and its answer is recorded with
    /// the <c>payment.cancelled</c> event and the stored response in one transaction (docs/decisions/0026).
    /// </summary>
    public static async Task<Results<StoredResponseResult, ProblemHttpResult>> CancelPayment(
        string id,
        CancelPaymentRequest request,
        [FromHeader(Name = IdempotencyKeyHeader.Name)] string? idempotencyKey,
        ClaimsPrincipal user,
        IdempotentRequests idempotentRequests,
        RequestFingerprint fingerprints,
        MiniPgDbContext db,
        RecordedAcquirer acquirer,
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

        var fingerprint = fingerprints.Of($"POST /api/v1/payments/{paymentId}/cancel", request, ApiJson.Default.CancelPaymentRequest);
        var cancellationId = CancellationIds.For(merchantId, idempotencyKey!);
        Payment? cancelled = null;
        var result = await idempotentRequests.ExecuteAsync(merchantId, idempotencyKey!, fingerprint, async ct =>
        {
            var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == paymentId && p.MerchantId == merchantId, ct);
            if (payment?.Cancellations.SingleOrDefault(c => c.Id == cancellationId) is { } earlier)
            {
                // Made already, its answer lost on the way (or finished by the recovery): this request's answer is the payment now.
                if (!IsSameCancel(request, earlier.Amount, earlier.Reason))
                {
                    return new Staged.Reject(IdempotencyProblems.KeyReusedWithDifferentRequest());
                }

                cancelled = payment;
                return new Staged.Commit(new StoredResponse(StatusCodes.Status200OK, null, PaymentResource.JsonOf(payment)));
            }

            var reservation = payment?.CancellationReservations.SingleOrDefault(r => r.Id == cancellationId);
            if (reservation is null)
            {
                if (CancelRefusal(payment, request, id) is { } refusal)
                {
                    return new Staged.Reject(refusal);
                }

                reservation = payment!.ReserveCancellation(cancellationId, request.Amount is { } amount ? new Won(amount) : null, request.Reason!, time.GetUtcNowForStorage());
                await db.SaveChangesAsync(ct);
            }
            else if (!IsSameCancel(request, reservation.Amount, reservation.Reason))
            {
                return new Staged.Reject(IdempotencyProblems.KeyReusedWithDifferentRequest());
            }

            switch (await ReservedCancels.ResolveAsync(payment!, reservation, acquirer, ct))
            {
                case CancellationOutcome.Cancelled:
                    cancelled = payment;
                    return new Staged.Commit(new StoredResponse(StatusCodes.Status200OK, null, PaymentResource.JsonOf(payment!)));
                case CancellationOutcome.Refused refused:
                    await db.SaveChangesAsync(ct);
                    return new Staged.Reject(TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Cancel refused by the card acquirer", detail: refused.Reason));
                default:
                    // The reservation is committed already; the unanswered call is kept for the payment's timeline.
                    await db.SaveChangesAsync(ct);
                    return new Staged.Reject(TypedResults.Problem(
                        statusCode: StatusCodes.Status503ServiceUnavailable,
                        title: "Card acquirer unavailable",
                        detail: "The card acquirer did not answer. The cancel is held for this payment: retry with the same Idempotency-Key to finish it; "
                            + "MiniPg also finishes or releases it on its own once the acquirer answers."));
            }
        }, cancellationToken);

        if (result.Result is StoredResponseResult { Replayed: false } fresh && cancelled is not null)
        {
            await cache.SetAsync(cancelled, fresh.Response.Body);
        }

        return result;
    }

    /// <summary>A retry of a cancel already reserved or made: "everything that remains" matches whatever amount that was.</summary>
    private static bool IsSameCancel(CancelPaymentRequest request, Won amount, string reason) =>
        (request.Amount is null || request.Amount == amount.Value) && request.Reason == reason;

    private static ProblemHttpResult? CancelRefusal(Payment? payment, CancelPaymentRequest request, string id) => payment switch
    {
        null => PaymentNotFound(id),
        { Status: PaymentStatus.Requested } => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict, title: "Payment not approved yet", detail: "The payment is still being authorized; cancel it once it is APPROVED."),
        { Status: PaymentStatus.Failed or PaymentStatus.Cancelled } => TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity, title: "Nothing to cancel", detail: $"The payment is {WireNames.Of(payment.Status)}."),
        { CancellableAmount.Value: 0 } => TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Nothing left to cancel",
            detail: "Everything that remains of this payment is being cancelled by other requests."),
        _ when request.Amount > payment.CancellableAmount.Value => TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Cancel amount exceeds what remains",
            detail: $"{payment.CancellableAmount.Value} won of this payment can still be cancelled; {request.Amount} was asked."),
        _ => null,
    };

    internal static ProblemHttpResult InvalidKey(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid Idempotency-Key", detail: detail);

    /// <summary>Another merchant's payment is "not found" too: a 403 would confirm that the id exists.</summary>
    internal static ProblemHttpResult PaymentNotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Payment not found",
        detail: $"No payment {id} exists for this merchant.");
}
