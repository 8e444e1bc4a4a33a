using System.Collections.Frozen;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniPg.Api.Auth;
using MiniPg.Api.OpenApi;
using MiniPg.Domain;
using MiniPg.Domain.Webhooks;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Api.Webhooks;

/// <summary>An endpoint's delivery log and manual redelivery, under <c>/api/v1/webhook-endpoints/{id}/deliveries</c>.</summary>
public static class WebhookDeliveryEndpoints
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    private static readonly FrozenDictionary<string, WebhookDeliveryStatus> StatusesByWireName =
        Enum.GetValues<WebhookDeliveryStatus>().ToFrozenDictionary(status => WireNames.Of(status), StringComparer.Ordinal);

    private static readonly string StatusNames = string.Join(", ", Enum.GetValues<WebhookDeliveryStatus>().Select(status => WireNames.Of(status)));

    public static RouteGroupBuilder MapWebhookDeliveries(this RouteGroupBuilder endpoints)
    {
        endpoints.MapGet("/{id}/deliveries", ListWebhookDeliveries)
            .WithName(nameof(ListWebhookDeliveries))
            .WithSummary("List an endpoint's deliveries")
            .WithDescription(
                "What MiniPg sent to the endpoint, newest first (by createdAt, then id), each delivery with its attempts: when, how long, "
                + "the HTTP status your endpoint answered or the error when it did not answer. A delivery is PENDING while it waits for its "
                + "first attempt or a retry (nextAttemptAt says when), DELIVERED once your endpoint answered 2xx, FAILED when every scheduled "
                + "attempt failed (redeliver it to try again), CANCELLED when the endpoint was deleted before it was delivered. "
                + $"status keeps one of {StatusNames}; limit is 1 to {MaxLimit} deliveries per page, {DefaultLimit} by default. "
                + "While hasMore is true, ask again with cursor set to nextCursor (and the same status): the next page continues strictly "
                + "after the last delivery you received. The log of a deleted endpoint can still be read. An invalid parameter is a 400 "
                + "validation problem naming it.")
            .Produces<WebhookDeliveryPage>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer(WebhookDeliveryExamples.ListWebhookDeliveriesAsync);

        endpoints.MapPost("/{id}/deliveries/{deliveryId}/redeliver", RedeliverWebhookDelivery)
            .WithName(nameof(RedeliverWebhookDelivery))
            .WithSummary("Send a delivery again")
            .WithDescription(
                "Queues the delivery to be sent again at once (within about a second), with the whole retry schedule ahead of it; a delivery "
                + "already due within 90 seconds (it may be being sent right now) keeps that time, so it is never sent twice at once. It is the "
                + "same event with the same MiniPg-Event-Id and body, so a receiver that already has it can drop it. Any delivery of an "
                + "endpoint that is not deleted can be redelivered, a DELIVERED one too; while the endpoint is disabled the delivery waits "
                + "until you enable it. The answer is the delivery, PENDING. A 409 means MiniPg was recording an attempt of it at that "
                + "moment: try again.")
            .Produces<WebhookDeliveryResource>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .AddOpenApiOperationTransformer(WebhookDeliveryExamples.RedeliverWebhookDeliveryAsync);

        return endpoints;
    }

    // One index range scan on (endpoint_id, created_at DESC, id DESC): the cursor is a row comparison on the bare
    // columns, never an OFFSET, so deliveries created meanwhile cannot shift a page. One row more than the page is read
    // to know whether another follows; the page's attempts come in one more query.
    public static async Task<Results<Ok<WebhookDeliveryPage>, ProblemHttpResult>> ListWebhookDeliveries(
        string id,
        string? status,
        string? limit,
        string? cursor,
        ClaimsPrincipal user,
        MiniPgDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        WebhookDeliveryStatus? wantedStatus = null;
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

        var pageSize = DefaultLimit;
        if (!string.IsNullOrEmpty(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxLimit))
        {
            errors[nameof(limit)] = [$"limit must be a whole number from 1 to {MaxLimit}."];
        }

        WebhookDeliveryCursor? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (WebhookDeliveryCursor.TryDecode(cursor, out var decoded))
            {
                after = decoded;
            }
            else
            {
                errors[nameof(cursor)] = ["Not a cursor of this log: pass nextCursor from the previous page unchanged, or leave it out for the first page."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest });
        }

        var merchantId = user.MerchantId();
        if (!Guid.TryParse(id, out var endpointId)
            || !await db.WebhookEndpoints.AnyAsync(endpoint => endpoint.Id == endpointId && endpoint.MerchantId == merchantId, cancellationToken))
        {
            return WebhookEndpoints.EndpointNotFound(id);
        }

        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(delivery => delivery.EndpointId == endpointId);
        if (wantedStatus is { } onlyStatus)
        {
            deliveries = deliveries.Where(delivery => delivery.Status == onlyStatus);
        }

        if (after is { } position)
        {
            deliveries = deliveries.Where(delivery => EF.Functions.LessThan(
                ValueTuple.Create(delivery.CreatedAt, delivery.Id), ValueTuple.Create(position.CreatedAt, position.Id)));
        }

        var found = await deliveries
            .OrderByDescending(delivery => delivery.CreatedAt)
            .ThenByDescending(delivery => delivery.Id)
            .Take(pageSize + 1)
            .ToListAsync(cancellationToken);
        var hasMore = found.Count > pageSize;
        var page = found.Take(pageSize).ToList();

        List<Guid> pageIds = [.. page.Select(delivery => delivery.Id)];
        var attempts = pageIds.Count == 0
            ? []
            : await db.WebhookDeliveryAttempts.AsNoTracking().Where(attempt => pageIds.Contains(attempt.DeliveryId)).ToListAsync(cancellationToken);
        var attemptsByDelivery = attempts.ToLookup(attempt => attempt.DeliveryId);

        return TypedResults.Ok(new WebhookDeliveryPage(
            [.. page.Select(delivery => WebhookDeliveryResource.Of(delivery, attemptsByDelivery[delivery.Id]))],
            hasMore,
            hasMore ? WebhookDeliveryCursor.After(page[^1]).Encode() : null));
    }

    public static async Task<Results<Accepted<WebhookDeliveryResource>, ProblemHttpResult>> RedeliverWebhookDelivery(
        string id,
        string deliveryId,
        ClaimsPrincipal user,
        MiniPgDbContext db,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var endpointId) || !Guid.TryParse(deliveryId, out var wantedId))
        {
            return DeliveryNotFound(deliveryId);
        }

        var merchantId = user.MerchantId();
        return await ConcurrentDeliveries.ReadAgainOnceAsync<Results<Accepted<WebhookDeliveryResource>, ProblemHttpResult>>(db, async () =>
        {
            var delivery = await db.WebhookDeliveries
                .Include(d => d.Attempts)
                .Where(d => d.Id == wantedId && d.EndpointId == endpointId && d.MerchantId == merchantId)
                .Where(d => db.WebhookEndpoints.Any(endpoint => endpoint.Id == d.EndpointId && endpoint.DeletedAt == null))
                .SingleOrDefaultAsync(cancellationToken);
            if (delivery is null)
            {
                return DeliveryNotFound(deliveryId);
            }

            delivery.Redeliver(time.GetUtcNowForStorage());
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Accepted((string?)null, WebhookDeliveryResource.Of(delivery, delivery.Attempts));
        }, RedeliverConflict());
    }

    internal static ProblemHttpResult RedeliverConflict() =>
        ConcurrentDeliveries.Conflict("MiniPg was recording an attempt of this delivery at that moment. Redeliver it again.");

    /// <summary>Another merchant's delivery, or one of a deleted endpoint, is "not found" too.</summary>
    internal static ProblemHttpResult DeliveryNotFound(string deliveryId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Webhook delivery not found",
        detail: $"No delivery {deliveryId} of a webhook endpoint of this merchant exists.");
}
