using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniPg.Acquirer.Chaos;
using MiniPg.Acquirer.Http;
using MiniPg.Acquirer.Ledger;

namespace MiniPg.Acquirer.Approvals;

public static class ApprovalEndpoints
{
    public static IEndpointRouteBuilder MapApprovalEndpoints(this IEndpointRouteBuilder routes)
    {
        var approvals = routes.MapGroup("/v1/approvals").WithTags("Approvals");

        approvals.MapPost("/", RequestApproval)
            .WithName(nameof(RequestApproval))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        approvals.MapGet("/{requestId:guid}", GetApproval)
            .WithName(nameof(GetApproval))
            .ProducesProblem(StatusCodes.Status404NotFound);

        approvals.MapPost("/{requestId:guid}/void", NetCancellation.Void)
            .WithName("VoidApproval");

        return routes;
    }

    /// <summary>
    /// Approves or declines by the test card table, once per request id: a repeat gets the recorded answer, never a
    /// second approval, and a request id that was voided can never be approved.
    /// </summary>
    public static async Task<Results<Ok<ApprovalResponse>, ProblemHttpResult>> RequestApproval(
        ApprovalRequest request,
        AcquirerDbContext db,
        ChaosSettings chaos,
        IOptions<AcquirerBehaviorOptions> options,
        TimeProvider time,
        ILogger<ApprovalRequest> logger,
        CancellationToken cancellationToken)
    {
        var requestId = request.RequestId!.Value;
        if (chaos.RollFailure())
        {
            ApprovalLog.InjectedFailure(logger, requestId, "failure rate");
            return Problems.Unavailable("The acquirer failed this call on purpose (chaos failure rate). Retry with the same requestId.");
        }

        await Task.Delay(chaos.Current.Latency, time, cancellationToken);

        var number = request.Card!.Number!;
        var card = CardDigits.Of(number);
        var behavior = TestCards.BehaviorOf(number);
        var approval = await db.Approvals.AsNoTracking().SingleOrDefaultAsync(a => a.RequestId == requestId, cancellationToken);
        if (approval is null)
        {
            if (behavior is CardBehavior.FailTransientlyThenApprove
                && await db.CountCallAsync(requestId, cancellationToken) <= options.Value.TransientFailuresPerRequest)
            {
                ApprovalLog.InjectedFailure(logger, requestId, "transient-failure test card");
                return Problems.Unavailable("The acquirer is briefly unavailable (transient-failure test card). Retry with the same requestId.");
            }

            approval = await RecordAsync(db, Decide(request, card, behavior, time.GetUtcNowForLedger()), logger, cancellationToken);
        }

        if (approval.Status is ApprovalStatus.Voided)
        {
            return TypedResults.Ok(ApprovalResponse.Of(approval));
        }

        if (!approval.Matches(request.Amount!.Value, card))
        {
            return Problems.Unprocessable(
                "Request id reused",
                $"Request {requestId} was already made with another amount or card; a retry must repeat the request exactly.");
        }

        if (behavior is CardBehavior.ApproveButAnswerLate)
        {
            // Recorded already: the caller times out without knowing that the card was charged.
            await Task.Delay(options.Value.SlowCardDelay, time, cancellationToken);
        }

        return TypedResults.Ok(ApprovalResponse.Of(approval));
    }

    /// <summary>The inquiry a caller makes when it does not know an approval's outcome. Never delayed.</summary>
    public static async Task<Results<Ok<ApprovalResponse>, ProblemHttpResult>> GetApproval(
        Guid requestId, AcquirerDbContext db, CancellationToken cancellationToken)
    {
        var approval = await db.Approvals.AsNoTracking().SingleOrDefaultAsync(a => a.RequestId == requestId, cancellationToken);
        return approval is null ? Problems.UnknownRequest(requestId) : TypedResults.Ok(ApprovalResponse.Of(approval));
    }

    private static Approval Decide(ApprovalRequest request, CardDigits card, CardBehavior behavior, DateTimeOffset now)
    {
        var (requestId, merchantId, amount) = (request.RequestId!.Value, request.MerchantId!.Value, request.Amount!.Value);
        return behavior switch
        {
            CardBehavior.DeclineCardDeclined => Approval.Decline(requestId, merchantId, amount, card, DeclineCodes.CardDeclined, now),
            CardBehavior.DeclineInsufficientFunds => Approval.Decline(requestId, merchantId, amount, card, DeclineCodes.InsufficientFunds, now),
            _ => Approval.Approve(requestId, merchantId, amount, card, $"acq_{Guid.CreateVersion7(now):N}", now),
        };
    }

    /// <summary>Saves the decision unless another call (a concurrent retry, or a void) recorded this request id first: then that row is the answer.</summary>
    private static async Task<Approval> RecordAsync(AcquirerDbContext db, Approval decided, ILogger logger, CancellationToken cancellationToken)
    {
        db.Approvals.Add(decided);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return await db.Approvals.AsNoTracking().SingleAsync(a => a.RequestId == decided.RequestId, cancellationToken);
        }

        if (decided.Status is ApprovalStatus.Approved)
        {
            ApprovalLog.Approved(logger, decided.RequestId, decided.MerchantId!.Value, decided.Amount, decided.CardBin!, decided.CardLast4!, decided.TransactionId!);
        }
        else
        {
            ApprovalLog.Declined(logger, decided.RequestId, decided.MerchantId!.Value, decided.Amount, decided.CardBin!, decided.CardLast4!, decided.DeclineCode!);
        }

        return decided;
    }
}
