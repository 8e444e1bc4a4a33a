using System.Collections.Frozen;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniPg.Api.Auth;
using MiniPg.Api.Http;
using MiniPg.Api.OpenApi;
using MiniPg.Domain;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Caching;
using MiniPg.Infrastructure.Cards;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Api.Payments;

/// <summary>One page of your payments, newest first; nextCursor is null on the last page.</summary>
public sealed record PaymentPage(List<PaymentResource> Data, bool HasMore, string? NextCursor);

/// <summary>A merchant's own payments, newest first, a page at a time (<c>GET /api/v1/payments</c>).</summary>
public static class PaymentListEndpoints
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    private static readonly FrozenDictionary<string, PaymentStatus> StatusesByWireName =
        Enum.GetValues<PaymentStatus>().ToFrozenDictionary(status => WireNames.Of(status), StringComparer.Ordinal);

    private static readonly string StatusNames = string.Join(", ", Enum.GetValues<PaymentStatus>().Select(status => WireNames.Of(status)));

    /// <summary>ISO 8601 with an offset: <c>Z</c> or <c>±hh:mm</c>, seconds required, up to seven fractional digits.</summary>
    private static readonly string[] InstantFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz"];

    public static IEndpointRouteBuilder MapPaymentListEndpoints(this IEndpointRouteBuilder routes)
    {
        var payments = routes.MapGroup("/api/v1/payments")
            .RequireAuthorization()
            .WithTags("Payments");

        payments.MapGet("/", ListPayments)
            .WithName(nameof(ListPayments))
            .WithSummary("List your payments")
            .WithDescription(
                "Your payments, newest first: ordered by requestedAt, then by id, both descending. The filters combine: "
                + $"status is one of {StatusNames} (a partly cancelled payment keeps its status); orderId matches exactly; "
                + "from (inclusive) and to (exclusive) bound requestedAt and are ISO 8601 instants with an offset, such as "
                + "2026-11-30T09:00:00Z or 2026-11-30T18:00:00%2B09:00 (percent-encode the +). "
                + $"limit is 1 to {MaxLimit} payments per page, {DefaultLimit} by default. "
                + "While hasMore is true, ask again with cursor set to nextCursor and the same filters: the next page continues "
                + "strictly after the last payment you received, so no payment is returned twice or skipped, and payments "
                + "created since your first page (newer than it) never appear in later pages; start again without a cursor "
                + "to see them. A cursor is opaque and valid only for your account. "
                + "An invalid parameter is a 400 validation problem naming it.")
            .Produces<PaymentPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .AddOpenApiOperationTransformer(PaymentListExamples.ListPaymentsAsync);

        return routes;
    }

    public static async Task<Results<JsonHttpResult<PaymentPage>, ProblemHttpResult>> ListPayments(
        string? status,
        string? from,
        string? to,
        string? orderId,
        string? limit,
        string? cursor,
        ClaimsPrincipal user,
        MiniPgDbContext db,
        IOptions<CardVaultOptions> vault,
        CancellationToken cancellationToken)
    {
        var merchantId = user.MerchantId();
        var cursorKey = PaymentListCursor.KeyFrom(vault.Value);
        var errors = new Dictionary<string, string[]>();

        PaymentStatus? wantedStatus = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (StatusesByWireName.TryGetValue(status, out var parsed))
            {
                wantedStatus = parsed;
            }
            else
            {
                errors[nameof(status)] = [$"Unknown status: use one of {StatusNames}."];
            }
        }

        var fromInstant = ParseInstant(from, nameof(from), errors);
        var toInstant = ParseInstant(to, nameof(to), errors);
        if (fromInstant >= toInstant)
        {
            errors[nameof(to)] = ["to must be later than from."];
        }

        var pageSize = DefaultLimit;
        if (!string.IsNullOrEmpty(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxLimit))
        {
            errors[nameof(limit)] = [$"limit must be a whole number from 1 to {MaxLimit}."];
        }

        PaymentListCursor? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (PaymentListCursor.TryDecode(cursor, merchantId, cursorKey, out var decoded))
            {
                after = decoded;
            }
            else
            {
                errors[nameof(cursor)] = ["Not a cursor this API issued to you: pass nextCursor from the previous page unchanged, or leave it out for the first page."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest });
        }

        var payments = db.Payments.AsNoTracking().Where(payment => payment.MerchantId == merchantId);
        if (wantedStatus is { } onlyStatus)
        {
            payments = payments.Where(payment => payment.Status == onlyStatus);
        }

        if (!string.IsNullOrEmpty(orderId))
        {
            payments = payments.Where(payment => payment.OrderId == orderId);
        }

        if (fromInstant is { } since)
        {
            payments = payments.Where(payment => payment.RequestedAt >= since);
        }

        if (toInstant is { } until)
        {
            payments = payments.Where(payment => payment.RequestedAt < until);
        }

        if (after is { } position)
        {
            payments = payments.Where(payment => EF.Functions.LessThan(
                ValueTuple.Create(payment.RequestedAt, payment.Id), ValueTuple.Create(position.RequestedAt, position.Id)));
        }

        // One index range scan on (merchant_id, requested_at DESC, id DESC): the cursor is a row comparison on the bare
        // columns, never an OFFSET, so payments inserted meanwhile cannot shift a page. One row more than the page is
        // read to know whether another page follows.
        var found = await payments
            .OrderByDescending(payment => payment.RequestedAt)
            .ThenByDescending(payment => payment.Id)
            .Take(pageSize + 1)
            .ToListAsync(cancellationToken);

        var hasMore = found.Count > pageSize;
        var page = found.Take(pageSize).ToList();
        var nextCursor = hasMore ? PaymentListCursor.After(page[^1]).Encode(merchantId, cursorKey) : null;
        return TypedResults.Json(new PaymentPage(page.Select(PaymentResource.Of).ToList(), hasMore, nextCursor), ApiJson.Default.PaymentPage);
    }

    /// <summary>An instant with its offset, as UTC (PostgreSQL's <c>timestamptz</c> parameters are UTC); null when not given.</summary>
    private static DateTimeOffset? ParseInstant(string? text, string parameter, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.ToUniversalTime();
        }

        errors[parameter] = [$"{parameter} must be an ISO 8601 instant with an offset, such as 2026-11-30T09:00:00Z (percent-encode a + in the offset as %2B)."];
        return null;
    }
}
