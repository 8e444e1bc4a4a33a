namespace MiniPg.Domain.Webhooks;

public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt (the first, or a retry).</summary>
    Pending,

    /// <summary>The endpoint answered 2xx.</summary>
    Delivered,

    /// <summary>Every scheduled attempt failed; only a manual redelivery sends it again.</summary>
    Failed,

    /// <summary>Its endpoint was deleted before it was delivered.</summary>
    Cancelled,
}
