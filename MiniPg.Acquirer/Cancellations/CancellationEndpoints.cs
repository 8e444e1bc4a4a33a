using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniPg.Acquirer.Chaos;
using MiniPg.Acquirer.Http;
using MiniPg.Acquirer.Ledger;

namespace MiniPg.Acquirer.Cancellations;

public static class CancellationEndpoints
{
    public static IEndpointRouteBuilder MapCancellationEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/approvals/{requestId:guid}/cancellations", CancelApproval)
            .WithName(nameof(CancelApproval))
            .WithTags("Cancellations")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return routes;
    }

    /// <summary>
    /// Cancels part or all of what remains of an approval, once per cancellation id. The approval's row is locked for
    /// the whole decision, so concurrent cancels queue up and can never cancel more than was approved.
    /// </summary>
    public static async Task<Results<Ok<CancellationResponse>, ProblemHttpResult>> CancelApproval(
        Guid requestId,
        CancellationRequest request,
        AcquirerDbContext db,
        ChaosSettings chaos,
        TimeProvider time,
        ILogger<CancellationRequest> logger,
        CancellationToken cancellationToken)
    {
        await Task.Delay(chaos.Current.Latency, time, cancellationToken);

        var cancellationId = request.CancellationId!.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var approval = await db.Approvals.LockAsync(requestId, cancellationToken);
        if (approval is null)
        {
            return Problems.UnknownRequest(requestId);
        }

        var earlier = await db.Cancellations.AsNoTracking().SingleOrDefaultAsync(c => c.CancellationId == cancellationId, cancellationToken);
        if (earlier is not null)
        {
            return earlier.RequestId == requestId
                ? TypedResults.Ok(CancellationResponse.Of(earlier))
                : Problems.Unprocessable("Cancellation id reused", $"Cancellation {cancellationId} belongs to another approval.");
        }

        if (approval.Status is not ApprovalStatus.Approved)
        {
            return Problems.Unprocessable("Not cancellable", $"Request {requestId} is {approval.Status.ToWire()}; only an approved request can be cancelled.");
        }

        var amount = request.Amount ?? approval.RemainingAmount;
        if (amount > approval.RemainingAmount)
        {
            return Problems.Unprocessable("Amount exceeds what remains", $"Cannot cancel {amount} won: {approval.RemainingAmount} won of request {requestId} remain.");
        }

        var cancellation = approval.Cancel(cancellationId, amount, request.Reason, time.GetUtcNowForLedger());
        db.Cancellations.Add(cancellation);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Problems.Unprocessable("Cancellation id reused", $"Cancellation {cancellationId} was just used for another approval.");
        }

        await transaction.CommitAsync(cancellationToken);
        CancellationLog.Cancelled(logger, requestId, cancellationId, amount, cancellation.RemainingAmount);
        return TypedResults.Ok(CancellationResponse.Of(cancellation));
    }
}

internal static partial class CancellationLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelled {Amount} won of {RequestId} ({CancellationId}); {RemainingAmount} won remain")]
    public static partial void Cancelled(ILogger logger, Guid requestId, Guid cancellationId, long amount, long remainingAmount);
}
