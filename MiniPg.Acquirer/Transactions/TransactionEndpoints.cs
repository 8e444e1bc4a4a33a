using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniPg.Acquirer.Ledger;

namespace MiniPg.Acquirer.Transactions;

public static class TransactionEndpoints
{
    public static IEndpointRouteBuilder MapTransactionEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/transactions", ExportDay)
            .WithName(nameof(ExportDay))
            .WithTags("Transactions")
            .ProducesValidationProblem();
        return routes;
    }

    /// <summary>
    /// The daily file a card company sends for reconciliation: every approval and cancellation whose time falls on the
    /// given KST date, in time order. Declines and void tombstones moved no money and are not in it.
    /// </summary>
    public static async Task<Results<Ok<List<TransactionEntry>>, ValidationProblem>> ExportDay(
        string? date, AcquirerDbContext db, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["date"] = ["date must be a KST date as yyyy-MM-dd."] });
        }

        var (start, end) = KstCalendar.DayOf(day);
        var approvals = await db.Approvals.AsNoTracking()
            .Where(a => a.ApprovedAt >= start && a.ApprovedAt < end)
            .Select(a => new TransactionEntry(TransactionEntry.Approval, a.RequestId, a.TransactionId!, null, a.MerchantId!.Value, a.Amount, a.ApprovedAt!.Value))
            .ToListAsync(cancellationToken);
        var cancellations = await db.Cancellations.AsNoTracking()
            .Where(c => c.CancelledAt >= start && c.CancelledAt < end)
            .Select(c => new TransactionEntry(TransactionEntry.Cancellation, c.RequestId, c.TransactionId, c.CancellationId, c.MerchantId, c.Amount, c.CancelledAt))
            .ToListAsync(cancellationToken);

        return TypedResults.Ok(approvals.Concat(cancellations)
            .OrderBy(entry => entry.OccurredAt)
            .ThenBy(entry => entry.Type == TransactionEntry.Approval ? 0 : 1)
            .ThenBy(entry => entry.TransactionId, StringComparer.Ordinal)
            .ToList());
    }
}
