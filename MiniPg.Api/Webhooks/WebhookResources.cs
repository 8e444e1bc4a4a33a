using MiniPg.Domain;
using MiniPg.Domain.Webhooks;

namespace MiniPg.Api.Webhooks;

/// <summary>A webhook endpoint. Its signing secret is shown once, when it is created, and never again.</summary>
public sealed record WebhookEndpointResource(Guid Id, string Url, IReadOnlyList<string> EventTypes, string? Description, bool Enabled, DateTimeOffset CreatedAt)
{
    public static string LocationOf(Guid id) => $"/api/v1/webhook-endpoints/{id}";

    public static WebhookEndpointResource Of(WebhookEndpoint endpoint) =>
        new(endpoint.Id, endpoint.Url, endpoint.EventTypes, endpoint.Description, endpoint.Enabled, endpoint.CreatedAt);
}

/// <summary>A webhook endpoint just created, with its signing secret: store it now, it is never shown again.</summary>
public sealed record CreatedWebhookEndpointResource(
    Guid Id, string Url, IReadOnlyList<string> EventTypes, string? Description, bool Enabled, DateTimeOffset CreatedAt, string Secret)
{
    public static CreatedWebhookEndpointResource Of(WebhookEndpoint endpoint) =>
        new(endpoint.Id, endpoint.Url, endpoint.EventTypes, endpoint.Description, endpoint.Enabled, endpoint.CreatedAt, endpoint.Secret);
}

/// <summary>Your webhook endpoints.</summary>
public sealed record WebhookEndpointList(IReadOnlyList<WebhookEndpointResource> Data);

/// <summary>One event sent (or to be sent) to one endpoint, with every attempt made.</summary>
public sealed record WebhookDeliveryResource(
    Guid Id,
    Guid EventId,
    string EventType,
    Guid PaymentId,
    string Status,
    int AttemptCount,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? LastAttemptAt,
    int? LastStatusCode,
    string? LastError,
    IReadOnlyList<WebhookDeliveryAttemptResource> Attempts)
{
    public static WebhookDeliveryResource Of(WebhookDelivery delivery, IEnumerable<WebhookDeliveryAttempt> attempts) => new(
        delivery.Id,
        delivery.EventId,
        delivery.EventType,
        delivery.PaymentId.Value,
        WireNames.Of(delivery.Status),
        delivery.AttemptCount,
        delivery.NextAttemptAt,
        delivery.CreatedAt,
        delivery.DeliveredAt,
        delivery.LastAttemptAt,
        delivery.LastStatusCode,
        delivery.LastError,
        [.. attempts.OrderBy(attempt => attempt.Number).Select(WebhookDeliveryAttemptResource.Of)]);
}

/// <summary>One HTTP request of a delivery: the status code your endpoint answered, or the error when it did not answer.</summary>
public sealed record WebhookDeliveryAttemptResource(int Number, DateTimeOffset AttemptedAt, int DurationMs, int? StatusCode, string? Error)
{
    public static WebhookDeliveryAttemptResource Of(WebhookDeliveryAttempt attempt) =>
        new(attempt.Number, attempt.AttemptedAt, attempt.DurationMs, attempt.StatusCode, attempt.Error);
}

/// <summary>One page of an endpoint's delivery log, newest first; nextCursor is null on the last page.</summary>
public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryResource> Data, bool HasMore, string? NextCursor);
