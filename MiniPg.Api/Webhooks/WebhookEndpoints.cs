using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MiniPg.Api.Auth;
using MiniPg.Api.OpenApi;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Webhooks;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Api.Webhooks;

/// <summary>A merchant's webhook endpoints (<c>/api/v1/webhook-endpoints</c>), their delivery logs and manual redelivery.</summary>
public static class WebhookEndpoints
{
    /// <summary>An endpoint's body is small; anything larger is refused before it is read.</summary>
    public const long MaxRequestBodyBytes = 16 * 1024;

    /// <summary>Endpoints a merchant may have at once (disabled ones count, deleted ones do not): every event is sent to each.</summary>
    public const int MaxLiveEndpointsPerMerchant = 16;

    /// <summary>What the sender gives an endpoint to answer (its <c>Webhooks:RequestTimeout</c>), as merchants are told.</summary>
    private const string AnswerWithin = "10 seconds";

    private static readonly string EventTypeNames = string.Join(", ", WebhookEventTypes.All);

    private static readonly string RetryDelays = string.Join(", ", WebhookRetrySchedule.Default.Delays.Select(DelayText));

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder routes)
    {
        var endpoints = routes.MapGroup("/api/v1/webhook-endpoints")
            .RequireAuthorization()
            .WithTags("Webhooks");

        endpoints.MapPost("/", CreateWebhookEndpoint)
            .WithName(nameof(CreateWebhookEndpoint))
            .WithSummary("Register a webhook endpoint")
            .WithDescription(
                $"Registers a URL that MiniPg sends your payment events to: {EventTypeNames} (all of them unless you list eventTypes). "
                + "The answer holds the endpoint's signing secret (whsec_...). It is shown this once and never again: store it now. "
                + "Every delivery is a POST of JSON whose MiniPg-Signature header is signed with that secret; verify it before you trust the body. "
                + "Delivery is at least once: the same event can arrive more than once, so de-duplicate on the MiniPg-Event-Id header "
                + "(the same on every retry and redelivery). No order is promised, not even for one endpoint: rely on the event's occurredAt "
                + "and the payment's status, not on arrival order. "
                + $"An endpoint that does not answer 2xx within {AnswerWithin} is tried again {WebhookRetrySchedule.Default.Delays.Count} times "
                + $"over about a day (after {RetryDelays}); then the delivery is FAILED and you can redeliver it. "
                + "The URL must be http or https without credentials or a fragment, on a public address: private, link-local, reserved and "
                + "loopback addresses, host names that resolve to one, and host names that do not resolve are refused with a 422 saying why "
                + "(a Development system allows loopback, for the demo receiver). "
                + $"An account has at most {MaxLiveEndpointsPerMerchant} endpoints; delete one to add another.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBodyBytes))
            .Accepts<CreateWebhookEndpointRequest>("application/json")
            .Produces<CreatedWebhookEndpointResource>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .AddOpenApiOperationTransformer(WebhookEndpointExamples.CreateWebhookEndpointAsync);

        endpoints.MapGet("/", ListWebhookEndpoints)
            .WithName(nameof(ListWebhookEndpoints))
            .WithSummary("List your webhook endpoints")
            .WithDescription("Your webhook endpoints, enabled or disabled, oldest first; deleted ones are left out. Signing secrets are never shown again.")
            .Produces<WebhookEndpointList>()
            .AddOpenApiOperationTransformer((operation, _, _) => WebhookEndpointExamples.ListWebhookEndpointsAsync(operation));

        endpoints.MapGet("/{id}", GetWebhookEndpoint)
            .WithName(nameof(GetWebhookEndpoint))
            .WithSummary("Get a webhook endpoint")
            .WithDescription("One of your webhook endpoints, without its signing secret. A deleted endpoint, or another account's, is 404.")
            .Produces<WebhookEndpointResource>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer(WebhookEndpointExamples.GetWebhookEndpointAsync);

        endpoints.MapPatch("/{id}", UpdateWebhookEndpoint)
            .WithName(nameof(UpdateWebhookEndpoint))
            .WithSummary("Enable, disable or change a webhook endpoint")
            .WithDescription(
                "Changes only the fields you send. enabled: false stops deliveries to the endpoint: events that happen while it is disabled "
                + "are not sent to it, and deliveries already waiting are held until you enable it again. eventTypes replaces the list of "
                + $"events it receives (one or more of {EventTypeNames}). description replaces the note; an empty string removes it. "
                + "The URL and the secret cannot change: register a new endpoint and delete this one.")
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBodyBytes))
            .Accepts<UpdateWebhookEndpointRequest>("application/json")
            .Produces<WebhookEndpointResource>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer(WebhookEndpointExamples.UpdateWebhookEndpointAsync);

        endpoints.MapDelete("/{id}", DeleteWebhookEndpoint)
            .WithName(nameof(DeleteWebhookEndpoint))
            .WithSummary("Delete a webhook endpoint")
            .WithDescription(
                "Deletes the endpoint: nothing more is sent to it, its deliveries still waiting become CANCELLED, and it is 404 from then on. "
                + "Its delivery log can still be read. A 409 means a delivery to it was being recorded at that moment: try again.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .AddOpenApiOperationTransformer(WebhookEndpointExamples.DeleteWebhookEndpointAsync);

        endpoints.MapWebhookDeliveries();
        return routes;
    }

    // The URL is checked (and its host resolved) before anything is written. The cap is counted under a lock on the
    // merchant's row, so two creates at once cannot both see 15 and make 17; FOR NO KEY UPDATE leaves the merchant's
    // payments (whose foreign key takes FOR KEY SHARE) free to be inserted meanwhile.
    public static async Task<Results<Created<CreatedWebhookEndpointResource>, ProblemHttpResult>> CreateWebhookEndpoint(
        CreateWebhookEndpointRequest request,
        ClaimsPrincipal user,
        WebhookTargetCheck targets,
        MiniPgDbContext db,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (await targets.ProblemAsync(request.Url!, cancellationToken) is { } refused)
        {
            return UrlRefused(refused);
        }

        var merchantId = user.MerchantId();
        var endpoint = WebhookEndpoint.Create(
            Guid.CreateVersion7(time.GetUtcNow()),
            merchantId,
            WebhookTargetCheck.Normalized(request.Url!),
            request.EventTypes ?? WebhookEventTypes.All,
            NoteOrNull(request.Description),
            time.GetUtcNowForStorage());
        var added = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM merchants WHERE id = {merchantId.Value} FOR NO KEY UPDATE", cancellationToken);
            var live = await db.WebhookEndpoints.CountAsync(e => e.MerchantId == merchantId && e.DeletedAt == null, cancellationToken);
            if (live >= MaxLiveEndpointsPerMerchant)
            {
                return false;
            }

            db.WebhookEndpoints.Add(endpoint);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });

        if (!added)
        {
            return TooManyEndpoints();
        }

        return TypedResults.Created(WebhookEndpointResource.LocationOf(endpoint.Id), CreatedWebhookEndpointResource.Of(endpoint));
    }

    public static async Task<Ok<WebhookEndpointList>> ListWebhookEndpoints(ClaimsPrincipal user, MiniPgDbContext db, CancellationToken cancellationToken)
    {
        var merchantId = user.MerchantId();
        var endpoints = await db.WebhookEndpoints.AsNoTracking()
            .Where(endpoint => endpoint.MerchantId == merchantId && endpoint.DeletedAt == null)
            .OrderBy(endpoint => endpoint.CreatedAt)
            .ThenBy(endpoint => endpoint.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new WebhookEndpointList([.. endpoints.Select(WebhookEndpointResource.Of)]));
    }

    public static async Task<Results<Ok<WebhookEndpointResource>, ProblemHttpResult>> GetWebhookEndpoint(
        string id, ClaimsPrincipal user, MiniPgDbContext db, CancellationToken cancellationToken)
    {
        var endpoint = await FindLiveAsync(db.WebhookEndpoints.AsNoTracking(), id, user.MerchantId(), cancellationToken);
        return endpoint is null ? EndpointNotFound(id) : TypedResults.Ok(WebhookEndpointResource.Of(endpoint));
    }

    public static async Task<Results<Ok<WebhookEndpointResource>, ProblemHttpResult>> UpdateWebhookEndpoint(
        string id, UpdateWebhookEndpointRequest request, ClaimsPrincipal user, MiniPgDbContext db, CancellationToken cancellationToken)
    {
        var endpoint = await FindLiveAsync(db.WebhookEndpoints, id, user.MerchantId(), cancellationToken);
        if (endpoint is null)
        {
            return EndpointNotFound(id);
        }

        if (request.Enabled is { } enabled)
        {
            if (enabled)
            {
                endpoint.Enable();
            }
            else
            {
                endpoint.Disable();
            }
        }

        if (request.EventTypes is { } eventTypes)
        {
            endpoint.Subscribe(eventTypes);
        }

        if (request.Description is { } description)
        {
            endpoint.Describe(NoteOrNull(description));
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(WebhookEndpointResource.Of(endpoint));
    }

    // The endpoint is marked deleted and its pending deliveries cancelled in one save. A delivery's Revision is a
    // concurrency token the sender bumps when it records an attempt; losing that race once means reading again.
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteWebhookEndpoint(
        string id, ClaimsPrincipal user, MiniPgDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var merchantId = user.MerchantId();
        return await ConcurrentDeliveries.ReadAgainOnceAsync<Results<NoContent, ProblemHttpResult>>(db, async () =>
        {
            var endpoint = await FindLiveAsync(db.WebhookEndpoints, id, merchantId, cancellationToken);
            if (endpoint is null)
            {
                return EndpointNotFound(id);
            }

            endpoint.Delete(time.GetUtcNowForStorage());
            var pending = await db.WebhookDeliveries
                .Where(delivery => delivery.EndpointId == endpoint.Id && delivery.Status == WebhookDeliveryStatus.Pending)
                .ToListAsync(cancellationToken);
            foreach (var delivery in pending)
            {
                delivery.Cancel();
            }

            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.NoContent();
        }, DeleteConflict());
    }

    internal static ProblemHttpResult UrlRefused(string reason) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Webhook URL refused", detail: reason);

    internal static ProblemHttpResult TooManyEndpoints() => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "Too many webhook endpoints",
        detail: $"An account can have at most {MaxLiveEndpointsPerMerchant} webhook endpoints. Delete one you no longer use first.");

    internal static ProblemHttpResult DeleteConflict() =>
        ConcurrentDeliveries.Conflict("A delivery to this endpoint was being recorded at that moment. Delete it again.");

    /// <summary>Another merchant's endpoint is "not found" too: a 403 would confirm that the id exists.</summary>
    internal static ProblemHttpResult EndpointNotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Webhook endpoint not found",
        detail: $"No webhook endpoint {id} exists for this merchant.");

    private static async Task<WebhookEndpoint?> FindLiveAsync(IQueryable<WebhookEndpoint> endpoints, string id, MerchantId merchantId, CancellationToken cancellationToken) =>
        Guid.TryParse(id, out var endpointId)
            ? await endpoints.SingleOrDefaultAsync(e => e.Id == endpointId && e.MerchantId == merchantId && e.DeletedAt == null, cancellationToken)
            : null;

    private static string? NoteOrNull(string? description) => string.IsNullOrEmpty(description) ? null : description;

    private static string DelayText(TimeSpan delay) => delay switch
    {
        { TotalHours: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{delay.TotalHours:0.#} h"),
        { TotalMinutes: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{delay.TotalMinutes:0.#} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{delay.TotalSeconds:0.#} s"),
    };
}
