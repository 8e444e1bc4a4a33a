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
        routes.MapGroup("/reconciliations").RequireOperatorKey().WithTags("Reconciliation")
            .MapPost("/", Reconcile)
            .WithName(nameof(Reconcile))
            .WithSummary("Reconcile a business date")
            .WithDescription(
                "Compares MiniPg's approvals and cancels of a KST business date with the acquirer's transaction export and "
                + "classes each one: `MATCHED`, `ACQUIRER_ONLY` (a ghost approval), `OURS_ONLY`, `AMOUNT_MISMATCH`, "
                + "`STATUS_MISMATCH` or `DUPLICATE`; `counts` has every class, zero included. With `resolveGhosts`, ghost "
                + "approvals of payments that are FAILED or unknown at MiniPg are net-cancelled at the acquirer (the entry's "
                + "`resolution` says so); ghosts of payments still in flight are only flagged. A date the holiday calendar "
                + "does not cover is 400.")
            .Produces<ReconciliationReport>()
            .ProducesValidationProblem();
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
