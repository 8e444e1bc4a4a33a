using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using MiniPg.Domain.Reconciliation;
using MiniPg.Infrastructure.Operators;
using MiniPg.Settlement.Runs;

namespace MiniPg.Settlement.Reconciliation;

public sealed record ReconciliationRequest([property: Required] DateOnly? BusinessDate, bool ResolveGhosts = false);

/// <summary>The operator interface to reconciliation (대사): our ledger of a KST business date against the acquirer's file.</summary>
public static class ReconciliationEndpoints
{
    public static IEndpointRouteBuilder MapReconciliationEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/reconciliations").AddEndpointFilter<OperatorKeyFilter>().WithTags("Reconciliation")
            .MapPost("/", Reconcile).WithName(nameof(Reconcile));
        return routes;
    }

    public static async Task<Results<Ok<ReconciliationReport>, ProblemHttpResult>> Reconcile(ReconciliationRequest request, ReconciliationRunner reconciliation, CancellationToken cancellationToken)
    {
        var date = request.BusinessDate!.Value;
        return OperatorDates.RefusalToReconcile(date) is { } refusal
            ? refusal.ToProblem()
            : TypedResults.Ok(await reconciliation.ReconcileAsync(date, request.ResolveGhosts, cancellationToken));
    }
}
