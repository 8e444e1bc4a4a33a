using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniPg.Api.Auth;
using MiniPg.Api.OpenApi;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Settlement;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Api.Payments;

public static class PaymentTimelineEndpoints
{
    public static IEndpointRouteBuilder MapPaymentTimelineEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/payments")
            .RequireAuthorization()
            .WithTags("Payments")
            .MapGet("/{id}/timeline", GetPaymentTimeline)
            .WithName(nameof(GetPaymentTimeline))
            .WithSummary("Get everything that happened to a payment, in time order")
            .WithDescription(
                "The payment's history as MiniPg recorded it, oldest first: its request, each call to the card acquirer "
                + "(approve, inquire, void, cancel) with its outcome and latency, retries and requests set aside, its "
                + "approval or failure, cancels, settlement (business date, run, payout date, fee and VAT) and the "
                + "webhooks sent for it with each attempt. Each entry has a type, the time it happened, one sentence "
                + "describing it, and the fields of its type. Another merchant's payment is not found.")
            .Produces<PaymentTimeline>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer(PaymentTimelineExamples.GetPaymentTimelineAsync);
        return routes;
    }

    public static async Task<Results<JsonHttpResult<PaymentTimeline>, ProblemHttpResult>> GetPaymentTimeline(
        string id,
        ClaimsPrincipal user,
        MiniPgDbContext db,
        CancellationToken cancellationToken)
    {
        var merchantId = user.MerchantId();
        if (!PaymentId.TryParse(id, out var paymentId))
        {
            return PaymentEndpoints.PaymentNotFound(id);
        }

        var payment = await db.Payments.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == paymentId && p.MerchantId == merchantId, cancellationToken);
        if (payment is null)
        {
            return PaymentEndpoints.PaymentNotFound(id);
        }

        var activities = await db.PaymentActivities.AsNoTracking()
            .Where(activity => activity.PaymentId == paymentId)
            .ToListAsync(cancellationToken);
        var settlement = await SettlementOfAsync(db, payment, cancellationToken);
        var deliveries = await db.WebhookDeliveries.AsNoTracking()
            .Include(delivery => delivery.Attempts)
            .Where(delivery => delivery.PaymentId == paymentId && delivery.MerchantId == merchantId)
            .ToListAsync(cancellationToken);

        return TypedResults.Json(PaymentTimelineBuilder.Build(payment, activities, settlement, deliveries), PaymentTimelineJson.Default.PaymentTimeline);
    }

    /// <summary>
    /// The payment's settlement items, each with its merchant line's payout date and its run: the approval found by the
    /// approvals' unique index, the cancels by theirs.
    /// </summary>
    private static async Task<List<SettledItem>> SettlementOfAsync(MiniPgDbContext db, Payment payment, CancellationToken cancellationToken)
    {
        var cancellationIds = payment.Cancellations.Select(cancellation => (Guid?)cancellation.Id).ToList();
        var items = await db.SettlementItems.AsNoTracking()
            .Where(item => (item.PaymentId == payment.Id && item.Kind == SettlementItemKind.Approval) || cancellationIds.Contains(item.CancellationId))
            .ToListAsync(cancellationToken);
        if (items.Count == 0)
        {
            return [];
        }

        var dates = items.Select(item => item.BusinessDate).Distinct().ToList();
        var lines = await db.SettlementLines.AsNoTracking()
            .Where(line => line.MerchantId == payment.MerchantId && dates.Contains(line.BusinessDate))
            .ToListAsync(cancellationToken);
        var runs = await db.SettlementRuns.AsNoTracking()
            .Where(run => dates.Contains(run.BusinessDate))
            .ToListAsync(cancellationToken);

        // A merchant-day's items and line commit together, in a run that exists before either.
        return [.. from item in items
                   join line in lines on item.BusinessDate equals line.BusinessDate
                   join run in runs on item.BusinessDate equals run.BusinessDate
                   select new SettledItem(item, line.PayoutDate, run.Status, run.StartedAt, run.CompletedAt)];
    }
}
