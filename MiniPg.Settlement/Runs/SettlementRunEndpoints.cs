using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MiniPg.Core.Operators;
using MiniPg.Core.Reconciliation;
using MiniPg.Core.Settlement;
using MiniPg.Core.SettlementRuns;

namespace MiniPg.Settlement.Runs;

public sealed record SettlementRunRequest([property: Required] DateOnly? BusinessDate);

public sealed record ReconciliationRequest([property: Required] DateOnly? BusinessDate, bool ResolveGhosts = false);

/// <summary>The operator interface: settle or reconcile a KST business date on demand, and read a run.</summary>
public static class SettlementRunEndpoints
{
    public static IEndpointRouteBuilder MapSettlementRunEndpoints(this IEndpointRouteBuilder routes)
    {
        var runs = routes.MapGroup("/settlement-runs").AddEndpointFilter<OperatorKeyFilter>().WithTags("Settlement runs");
        runs.MapPost("/", RunSettlement).WithName(nameof(RunSettlement));
        runs.MapGet("/{date}", GetSettlementRun).WithName(nameof(GetSettlementRun));

        routes.MapGroup("/reconciliations").AddEndpointFilter<OperatorKeyFilter>().WithTags("Reconciliation")
            .MapPost("/", Reconcile).WithName(nameof(Reconcile));
        return routes;
    }

    /// <summary>Settles a business date; rerunning a completed date returns the same summary and changes nothing.</summary>
    public static async Task<Results<Ok<SettlementRunSummary>, ProblemHttpResult>> RunSettlement(
        SettlementRunRequest request,
        SettlementRunner runner,
        IOptions<SettlementOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var date = request.BusinessDate!.Value;
        if (!options.Value.AllowOpenDay && !BusinessCalendar.HasClosed(date, time.GetUtcNow()))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Business day not closed",
                detail: $"{date:yyyy-MM-dd} has not ended in Korea yet; it can be settled from 00:00 KST the next day.");
        }

        try
        {
            return TypedResults.Ok(await runner.RunAsync(date, progress: null, cancellationToken));
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

    public static async Task<Ok<ReconciliationReport>> Reconcile(ReconciliationRequest request, ReconciliationService reconciliation, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reconciliation.ReconcileAsync(request.BusinessDate!.Value, request.ResolveGhosts, cancellationToken));
}
