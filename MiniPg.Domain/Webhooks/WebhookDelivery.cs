using MiniPg.Domain.Merchants;
using MiniPg.Domain.Payments;

namespace MiniPg.Domain.Webhooks;

/// <summary>
/// One event for one endpoint: at most one row per (event, endpoint), so a redelivered Kafka record never sends an
/// event twice on its own account. The body is fixed when the delivery is created, so every attempt sends the same
/// bytes (each signed afresh with its own time). At least once: a receiver de-duplicates on the event id.
/// </summary>
public sealed class WebhookDelivery
{
    private readonly List<WebhookDeliveryAttempt> _attempts = [];

    private WebhookDelivery()
    {
        EventType = string.Empty;
        Payload = string.Empty;
    }

    private WebhookDelivery(Guid id, Guid endpointId, MerchantId merchantId, Guid eventId, string eventType, PaymentId paymentId, string payload, DateTimeOffset createdAt)
    {
        Id = id;
        EndpointId = endpointId;
        MerchantId = merchantId;
        EventId = eventId;
        EventType = eventType;
        PaymentId = paymentId;
        Payload = payload;
        Status = WebhookDeliveryStatus.Pending;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid EndpointId { get; private set; }

    public MerchantId MerchantId { get; private set; }

    public Guid EventId { get; private set; }

    public string EventType { get; private set; }

    public PaymentId PaymentId { get; private set; }

    /// <summary>The exact JSON body every attempt sends.</summary>
    public string Payload { get; private set; }

    public WebhookDeliveryStatus Status { get; private set; }

    /// <summary>Attempts made in all, manual redeliveries included.</summary>
    public int AttemptCount { get; private set; }

    /// <summary>Failed attempts since the delivery was (re)queued: the position in the retry schedule.</summary>
    public int FailedInRow { get; private set; }

    /// <summary>When the next attempt is due while <see cref="WebhookDeliveryStatus.Pending"/>; a sender pushes it out while it holds the delivery.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public int Revision { get; private set; }

    public IReadOnlyList<WebhookDeliveryAttempt> Attempts => _attempts;

    public static WebhookDelivery For(Guid id, WebhookEndpoint endpoint, Guid eventId, string eventType, PaymentId paymentId, string payload, DateTimeOffset now) =>
        new(id, endpoint.Id, endpoint.MerchantId, eventId, eventType, paymentId, payload, now);

    /// <summary>Records one attempt's answer: delivered on a 2xx, otherwise due again after the schedule's next wait, or failed after the last.</summary>
    public WebhookDeliveryAttempt RecordAttempt(DateTimeOffset attemptedAt, TimeSpan duration, int? statusCode, string? error, WebhookRetrySchedule schedule)
    {
        var attempt = new WebhookDeliveryAttempt(Id, AttemptCount + 1, attemptedAt, (int)Math.Min(int.MaxValue, duration.TotalMilliseconds), statusCode, error);
        _attempts.Add(attempt);
        AttemptCount++;
        LastAttemptAt = attemptedAt;
        LastStatusCode = statusCode;
        LastError = attempt.Error;
        Revision++;
        if (Status != WebhookDeliveryStatus.Pending)
        {
            return attempt;
        }

        if (attempt.Succeeded)
        {
            Status = WebhookDeliveryStatus.Delivered;
            DeliveredAt = attemptedAt + duration;
            NextAttemptAt = null;
            return attempt;
        }

        FailedInRow++;
        if (schedule.DelayAfter(FailedInRow) is { } wait)
        {
            NextAttemptAt = attemptedAt + duration + wait;
        }
        else
        {
            Status = WebhookDeliveryStatus.Failed;
            NextAttemptAt = null;
        }

        return attempt;
    }

    /// <summary>
    /// The longest a sender may hold a delivery it is sending (its request timeout, at most a minute, plus a margin):
    /// while a pending delivery's next attempt is that close, it may be on its way, so a redelivery leaves it alone.
    /// </summary>
    public static readonly TimeSpan MaxLease = TimeSpan.FromSeconds(90);

    /// <summary>
    /// A manual redelivery: due at once, with the whole retry schedule ahead of it again. Same event id, so a receiver
    /// that already has it drops it. A pending delivery due within <see cref="MaxLease"/> keeps its time: it may be
    /// being sent right now (a sender's lease is that column), and making it due again would send it twice at once.
    /// </summary>
    public void Redeliver(DateTimeOffset now)
    {
        var mayBeInFlight = Status == WebhookDeliveryStatus.Pending && NextAttemptAt > now && NextAttemptAt <= now + MaxLease;
        Status = WebhookDeliveryStatus.Pending;
        FailedInRow = 0;
        NextAttemptAt = mayBeInFlight ? NextAttemptAt : now;
        Revision++;
    }

    /// <summary>Its endpoint is gone: a pending delivery is never sent.</summary>
    public void Cancel()
    {
        if (Status == WebhookDeliveryStatus.Pending)
        {
            Status = WebhookDeliveryStatus.Cancelled;
            NextAttemptAt = null;
            Revision++;
        }
    }
}
