using System.Globalization;
using System.Security.Claims;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniPg.Api.Auth;
using MiniPg.Api.OpenApi;
using MiniPg.Domain;
using MiniPg.Domain.Settlement;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Api.Settlements;

/// <summary>A merchant's own settlements: its line for a business date, and the per-payment report behind it.</summary>
public static class SettlementEndpoints
{
    public static IEndpointRouteBuilder MapSettlementEndpoints(this IEndpointRouteBuilder routes)
    {
        var settlements = routes.MapGroup("/api/v1/settlements").RequireAuthorization().WithTags("Settlements");
        settlements.MapGet("/", ListSettlements)
            .WithName(nameof(ListSettlements))
            .WithSummary("Get your settlement for a business date")
            .WithDescription(
                "Your settlement line for one KST business date (`?date=YYYY-MM-DD`): the approved payments settled "
                + "(`grossAmount`), the cancels netted against them (`cancelledAmount`), the fee with its VAT, the net paid out "
                + "and the payout date (T+N business days, weekends and Korean public holidays skipped). Amounts are whole won. "
                + "The list holds one line, or none when nothing was settled for you that day. Each approved payment is settled "
                + "exactly once; a cancel of an already settled payment is netted in a later day's line.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .AddOpenApiOperationTransformer(SettlementExamples.ListSettlementsAsync);
        settlements.MapGet("/{date}/report.csv", DownloadReport)
            .WithName(nameof(DownloadReport))
            .WithSummary("Download a settlement report (CSV)")
            .WithDescription(
                "The per-payment report behind your settlement line of a KST business date, as CSV: one row per settled payment "
                + "or cancel (`PaymentId,OrderId,Kind,CancellationId,OccurredAt,Amount,SupplyFee,Vat,Fee,Net`), then a `TOTAL` "
                + "row equal to the line, with its payout date. A date with nothing settled for you is 404.")
            .Produces<string>(contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer(SettlementExamples.DownloadReportAsync);
        return routes;
    }

    public static async Task<Results<Ok<List<SettlementLineView>>, ProblemHttpResult>> ListSettlements(
        string? date, ClaimsPrincipal user, MiniPgDbContext db, CancellationToken cancellationToken)
    {
        if (!TryParseDate(date, out var businessDate))
        {
            return InvalidDate();
        }

        var merchantId = user.MerchantId();
        var lines = await db.SettlementLines.AsNoTracking()
            .Where(line => line.MerchantId == merchantId && line.BusinessDate == businessDate)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(lines.Select(SettlementLineView.Of).ToList());
    }

    /// <summary>One row per settled payment or cancel with its fee and net, then a totals row equal to the line.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadReport(
        string date, ClaimsPrincipal user, MiniPgDbContext db, CancellationToken cancellationToken)
    {
        if (!TryParseDate(date, out var businessDate))
        {
            return InvalidDate();
        }

        var merchantId = user.MerchantId();
        var line = await db.SettlementLines.AsNoTracking().SingleOrDefaultAsync(l => l.MerchantId == merchantId && l.BusinessDate == businessDate, cancellationToken);
        if (line is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No settlement", detail: $"Nothing was settled for this merchant on {date}.");
        }

        var items = await db.SettlementItems.AsNoTracking()
            .Where(item => item.MerchantId == merchantId && item.BusinessDate == businessDate)
            .OrderBy(item => item.OccurredAt)
            .ToListAsync(cancellationToken);
        await using var text = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            csv.WriteRecords(items.Select(item => new ReportRow(
                item.PaymentId.ToString(), item.OrderId, WireNames.Of(item.Kind), item.CancellationId?.ToString() ?? string.Empty,
                item.OccurredAt.ToString("O", CultureInfo.InvariantCulture), item.Amount.Value, item.SupplyFee.Value, item.Vat.Value,
                item.SupplyFee.Value + item.Vat.Value, item.Net.Value)));
            csv.WriteRecord(new ReportRow(
                "TOTAL", string.Empty, string.Empty, string.Empty, $"payout {line.PayoutDate:yyyy-MM-dd}", line.TotalAmount.Value,
                line.FeeAmount.Value - line.FeeVat.Value, line.FeeVat.Value, line.FeeAmount.Value, line.NetAmount.Value));
            await csv.NextRecordAsync();
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", $"settlement-{date}.csv");
    }

    private static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    internal static ProblemHttpResult InvalidDate() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid date", detail: "Give the KST business date as YYYY-MM-DD, e.g. ?date=2026-11-25.");

    private sealed record ReportRow(string PaymentId, string OrderId, string Kind, string CancellationId, string OccurredAt, long Amount, long SupplyFee, long Vat, long Fee, long Net);
}
