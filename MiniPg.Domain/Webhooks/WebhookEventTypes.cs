using MiniPg.Domain.Events;

namespace MiniPg.Domain.Webhooks;

/// <summary>The events a merchant can receive at a webhook endpoint: a payment's outcome and its cancels, named as their topics.</summary>
public static class WebhookEventTypes
{
    public const string PaymentCompleted = Topics.PaymentCompleted;
    public const string PaymentFailed = Topics.PaymentFailed;
    public const string PaymentCancelled = Topics.PaymentCancelled;

    public static readonly IReadOnlyList<string> All = [PaymentCompleted, PaymentFailed, PaymentCancelled];

    public static bool IsKnown(string eventType) => All.Contains(eventType, StringComparer.Ordinal);
}
