using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MiniPg.Domain.Settlement;
using MiniPg.Infrastructure.Operators;

namespace MiniPg.Settlement.Runs;

public sealed record SettlementRunRequest([property: Required] DateOnly? BusinessDate);

/// <summary>The operator interface to settlement runs: settle a KST business date on demand, and read a run.</summary>
public static class SettlementRunEndpoints
{
    public static IEndpointRouteBuilder MapSettlementRunEndpoints(this IEndpointRouteBuilder routes)
    {
        var runs = routes.MapGroup("/settlement-runs").RequireOperatorKey().WithTags("Settlement runs");
        runs.MapPost("/", RunSettlement)
            .WithName(nameof(RunSettlement))
            .WithSummary("Settle a business date")
            .WithDescription(
                "Settles every merchant's approved payments and cancels of one KST business date into settlement lines (amount, "
                + "fee, VAT, net and payout date) and answers the run's summary. Runs are keyed by date: rerunning a completed date "
                + "answers the same summary and changes nothing, and a run stopped halfway resumes. A refusal writes nothing: a date "
                + "the holiday calendar cannot settle is 400; a KST day that has not begun, a day still open (unless "
                + "`Settlement:AllowOpenDay`) and a run of the same date in progress elsewhere are 409. A run whose numbers do not "
                + "add up is FAILED and answers 500 with the violations.")
            .Produces<SettlementRunSummary>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        runs.MapGet("/{date}", GetSettlementRun)
            .WithName(nameof(GetSettlementRun))
            .WithSummary("Get a settlement run")
            .WithDescription(
                "The run of a KST business date (`YYYY-MM-DD`): its status (`RUNNING`, `COMPLETED` or `FAILED`), when it "
                + "started and completed, every merchant's settlement line and the totals. A date that has not been settled is 404.")
            .Produces<SettlementRunSummary>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    /// <summary>
    /// Settles a business date; rerunning a completed date returns the same summary and changes nothing. A date the
    /// calendar does not cover is a 400; a day that has not begun, a day still open (unless allowed) and a run of the
    /// same date in progress are 409s. None of them writes anything.
    /// </summary>
    public static async Task<Results<Ok<SettlementRunSummary>, ProblemHttpResult>> RunSettlement(
        SettlementRunRequest request,
        SettlementRunner runner,
        IOptions<SettlementOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var date = request.BusinessDate!.Value;
        if (OperatorDates.RefusalToSettle(date, time.GetUtcNow(), options.Value.AllowOpenDay) is { } refusal)
        {
            return refusal.ToProblem();
        }

        try
        {
            return TypedResults.Ok(await runner.RunAsync(date, progress: null, cancellationToken));
        }
        catch (SettlementRunInProgressException exception)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Settlement run in progress", detail: exception.Message);
        }
        catch (SettlementInvariantViolatedException exception)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Settlement does not add up", detail: exception.Message);
        }
    }

    public static async Task<Results<Ok<SettlementRunSummary>, ProblemHttpResult>> GetSettlementRun(string date, SettlementRunner runner, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", out var businessDate))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid date", detail: "Use YYYY-MM-DD.");
        }

        return await runner.FindAsync(businessDate, cancellationToken) is { } summary
            ? TypedResults.Ok(summary)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No run", detail: $"{date} has not been settled.");
    }
}
