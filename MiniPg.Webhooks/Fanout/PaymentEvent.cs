using MiniPg.Domain.Events;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Payments;

namespace MiniPg.Webhooks.Fanout;

/// <summary>A payment event as consumed: what the fan-out needs of it, its JSON as published, and the trace it belongs to.</summary>
public sealed record PaymentEvent(Guid EventId, string Type, DateTimeOffset OccurredAt, PaymentId PaymentId, MerchantId MerchantId, string Json, string? TraceParent)
{
    /// <summary>Reads a record of one of the webhook topics; throws <see cref="System.Text.Json.JsonException"/> for one that is not its topic's event.</summary>
    public static PaymentEvent Read(string topic, string json, string? traceParent)
    {
        IIntegrationEvent integrationEvent = topic switch
        {
            Topics.PaymentCompleted => EventSerializer.Deserialize<PaymentCompleted>(json),
            Topics.PaymentFailed => EventSerializer.Deserialize<PaymentFailed>(json),
            Topics.PaymentCancelled => EventSerializer.Deserialize<PaymentCancelled>(json),
            _ => throw new ArgumentException($"{topic} is not a webhook event topic.", nameof(topic)),
        };
        var merchantId = integrationEvent switch
        {
            PaymentCompleted completed => completed.MerchantId,
            PaymentFailed failed => failed.MerchantId,
            PaymentCancelled cancelled => cancelled.MerchantId,
            _ => throw new ArgumentException($"{topic} is not a webhook event topic.", nameof(topic)),
        };
        return new PaymentEvent(integrationEvent.EventId, topic, integrationEvent.OccurredAt, new PaymentId(integrationEvent.PaymentId), new MerchantId(merchantId), json, traceParent);
    }
}
