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
        var runs = routes.MapGroup("/settlement-runs").AddEndpointFilter<OperatorKeyFilter>().WithTags("Settlement runs");
        runs.MapPost("/", RunSettlement).WithName(nameof(RunSettlement));
        runs.MapGet("/{date}", GetSettlementRun).WithName(nameof(GetSettlementRun));
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
