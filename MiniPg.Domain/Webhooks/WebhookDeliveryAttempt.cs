namespace MiniPg.Domain.Webhooks;

/// <summary>One HTTP request of a delivery and what came of it: a status code, or the error when none came.</summary>
public sealed class WebhookDeliveryAttempt(Guid deliveryId, int number, DateTimeOffset attemptedAt, int durationMs, int? statusCode, string? error)
{
    public const int MaxErrorLength = 500;

    public long Id { get; private set; }

    public Guid DeliveryId { get; private set; } = deliveryId;

    /// <summary>1 for the first attempt of the delivery; counts on across manual redeliveries.</summary>
    public int Number { get; private set; } = number;

    public DateTimeOffset AttemptedAt { get; private set; } = attemptedAt;

    public int DurationMs { get; private set; } = durationMs;

    public int? StatusCode { get; private set; } = statusCode;

    public string? Error { get; private set; } = error is { Length: > MaxErrorLength } ? error[..MaxErrorLength] : error;

    public bool Succeeded => StatusCode is >= 200 and < 300;
}
