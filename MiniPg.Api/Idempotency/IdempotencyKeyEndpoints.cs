using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniPg.Api.Auth;
using MiniPg.Api.Http;
using MiniPg.Api.OpenApi;
using MiniPg.Api.Payments;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Caching;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Api.Idempotency;

/// <summary>What MiniPg knows of one of a merchant's <c>Idempotency-Key</c>s: "did my retry go through?"</summary>
public sealed record IdempotencyKeyView(
    string Key,
    string State,
    DateTimeOffset? FirstUsedAt,
    string FingerprintRule,
    IdempotencyKeyResponse? Response,
    string? Resource,
    DateTimeOffset? CachedUntil,
    DateTimeOffset? ExpiresAt);

/// <summary>The first answer given to a key, as a retry with it receives it again (the body is the resource's, as it was then).</summary>
public sealed record IdempotencyKeyResponse(int Status, string? Location);

public static class IdempotencyKeyEndpoints
{
    public const string InFlight = "in_flight";
    public const string Completed = "completed";

    public const string FingerprintRule =
        "A retry with this key replays the stored answer only if it is the same operation with the same body (any other request is a 422); "
        + "MiniPg keeps only a keyed hash of that request, so it cannot show you the request itself.";

    public static IEndpointRouteBuilder MapIdempotencyKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        var keys = routes.MapGroup("/api/v1/idempotency-keys")
            .RequireAuthorization()
            .WithTags("Idempotency keys");

        keys.MapGet("/{key}", GetIdempotencyKey)
            .WithName(nameof(GetIdempotencyKey))
            .WithSummary("Find out what became of an Idempotency-Key")
            .WithDescription(
                "Answers \"did my request with this Idempotency-Key go through?\" without sending it again. Percent-encode the key "
                + "as one path segment (a / as %2F). "
                + $"state \"{Completed}\": the request was carried out and its answer is stored; response holds its status and "
                + "Location, resource the payment it created or changed, and firstUsedAt when it was answered. A retry with the same "
                + "operation and body receives that answer again, with Idempotent-Replayed: true: fast until cachedUntil (null once "
                + "the fast copy is gone), and from the database until expiresAt, after which the key may be forgotten at any time "
                + "and the same request would be carried out afresh. "
                + $"state \"{InFlight}\": a request with this key is being processed right now; firstUsedAt is when it started "
                + "(null for requests begun before this was recorded), response and resource are null, and a retry is a 409 until it "
                + "finishes; if it never does, the key is free again at expiresAt. Ask again shortly. "
                + "fingerprintRule says when a retry counts as the same request. "
                + "404: the key is unknown to this merchant: never used, or its request was rejected (the key stays free for a "
                + "corrected retry), or it was forgotten after expiresAt. Keys are per merchant; another merchant's key is unknown "
                + "to you. While the fast store is unavailable, a completed key is still reported from the database, but a request "
                + "in flight cannot be seen (404). 400: the key is not a valid Idempotency-Key.")
            .Produces<IdempotencyKeyView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer(IdempotencyKeyExamples.GetIdempotencyKeyAsync);

        return routes;
    }

    public static async Task<Results<JsonHttpResult<IdempotencyKeyView>, ProblemHttpResult>> GetIdempotencyKey(
        string key,
        HttpRequest request,
        ClaimsPrincipal user,
        IdempotencyStore store,
        MiniPgDbContext db,
        IOptions<IdempotencyRecordRetentionOptions> retention,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var idempotencyKey = KeyAsSent(request, key);
        if (IdempotencyKeyHeader.Problem(idempotencyKey) is { } keyProblem)
        {
            return PaymentEndpoints.InvalidKey(keyProblem);
        }

        // PostgreSQL's record is the truth: a key with one is completed. Redis is read first, so a request that commits
        // between the two reads is seen as completed, never as unknown; its lock with no record yet is a request in
        // flight. A completed answer Redis still holds after retention deleted the record (a replay from PostgreSQL
        // re-caches it for ResponseRetention) is reported too, since a retry would replay it.
        var merchantId = user.MerchantId();
        var cached = await store.PeekAsync(merchantId, idempotencyKey);
        var record = await db.IdempotencyRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.MerchantId == merchantId && r.IdempotencyKey == idempotencyKey, cancellationToken);
        var now = time.GetUtcNow();
        DateTimeOffset? cachedUntil = cached is { TimeToLive: { } left } ? now + left : null;

        if (record is not null)
        {
            var answer = new StoredResponse(record.ResponseStatus, record.ResponseLocation, record.ResponseBody);
            return View(idempotencyKey, Completed, record.CreatedAt, answer, cached?.Entry.IsCompleted == true ? cachedUntil : null, record.CreatedAt + retention.Value.IdempotencyRecords);
        }

        return cached?.Entry switch
        {
            { Response: { } answer } => View(idempotencyKey, Completed, firstUsedAt: null, answer, cachedUntil, expiresAt: cachedUntil),
            { } claim => View(idempotencyKey, InFlight, claim.ClaimedAt, answer: null, cachedUntil: null, expiresAt: cachedUntil),
            null => KeyNotFound(),
        };
    }

    internal static ProblemHttpResult KeyNotFound() => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Idempotency key not found",
        detail: $"This {IdempotencyKeyHeader.Name} is unknown to this merchant: never used, rejected (free for a corrected retry) or forgotten after its retention.");

    private static JsonHttpResult<IdempotencyKeyView> View(
        string key, string state, DateTimeOffset? firstUsedAt, StoredResponse? answer, DateTimeOffset? cachedUntil, DateTimeOffset? expiresAt) =>
        TypedResults.Json(
            new IdempotencyKeyView(
                key,
                state,
                firstUsedAt,
                FingerprintRule,
                answer is null ? null : new IdempotencyKeyResponse(answer.Status, answer.Location),
                answer is null ? null : ResourceOf(answer),
                cachedUntil,
                expiresAt),
            ApiJson.Default.IdempotencyKeyView);

    /// <summary>
    /// The payment an answer is about: its <c>Location</c> (a create), else the id in its body (a cancel answers 200
    /// with the payment and no <c>Location</c>). Every answer stored today is a payment resource.
    /// </summary>
    private static string? ResourceOf(StoredResponse answer)
    {
        if (answer.Location is not null)
        {
            return answer.Location;
        }

        using var body = JsonDocument.Parse(answer.Body);
        return body.RootElement.ValueKind == JsonValueKind.Object
            && body.RootElement.TryGetProperty("id", out var id)
            && id.ValueKind == JsonValueKind.String
            && PaymentId.TryParse(id.GetString(), out var paymentId)
                ? PaymentResource.LocationOf(paymentId)
                : null;
    }

    /// <summary>
    /// The key as the merchant wrote it, percent-decoded once. The server decodes every escape in a path except %2F
    /// (so that an encoded / does not split the segment), which leaves a key's literal "%2F" indistinguishable from its
    /// encoded "/" in the route value; the request target as sent is unambiguous, and the key is its last segment.
    /// </summary>
    private static string KeyAsSent(HttpRequest request, string routeValue)
    {
        if (request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget is not { Length: > 0 } target)
        {
            return routeValue;
        }

        var path = target.AsSpan();
        if (path.IndexOf('?') is var query and >= 0)
        {
            path = path[..query];
        }

        path = path.TrimEnd('/');
        return Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..].ToString());
    }
}
