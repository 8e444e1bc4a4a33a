using MiniPg.Domain.Merchants;

namespace MiniPg.Domain.Webhooks;

/// <summary>
/// A merchant's URL that receives the payment events it subscribed to, each signed with the endpoint's secret. A
/// deleted endpoint keeps its row (its delivery log still reads) but is never sent to again.
/// </summary>
public sealed class WebhookEndpoint
{
    public const int MaxDescriptionLength = 200;

    private WebhookEndpoint()
    {
        Url = string.Empty;
        EventTypes = [];
        Secret = string.Empty;
    }

    private WebhookEndpoint(Guid id, MerchantId merchantId, string url, IReadOnlyList<string> eventTypes, string? description, string secret, DateTimeOffset createdAt)
    {
        Id = id;
        MerchantId = merchantId;
        Url = url;
        EventTypes = [.. eventTypes];
        Description = description;
        Secret = secret;
        Enabled = true;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public MerchantId MerchantId { get; private set; }

    public string Url { get; private set; }

    public List<string> EventTypes { get; private set; }

    public string? Description { get; private set; }

    /// <summary>The HMAC key of every delivery's signature; stored as is because signing needs it (ADR 35).</summary>
    public string Secret { get; private set; }

    public bool Enabled { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public static WebhookEndpoint Create(Guid id, MerchantId merchantId, string url, IReadOnlyList<string> eventTypes, string? description, DateTimeOffset now)
    {
        EnsureKnown(eventTypes);
        return new WebhookEndpoint(id, merchantId, url, eventTypes.Distinct(StringComparer.Ordinal).ToList(), description, WebhookSecret.New(), now);
    }

    public bool Wants(string eventType) => Enabled && DeletedAt is null && EventTypes.Contains(eventType, StringComparer.Ordinal);

    public void Enable() => Enabled = true;

    public void Disable() => Enabled = false;

    public void Subscribe(IReadOnlyList<string> eventTypes)
    {
        EnsureKnown(eventTypes);
        EventTypes = eventTypes.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Replaces the merchant's note about the endpoint; null removes it.</summary>
    public void Describe(string? description) => Description = description;

    public void Delete(DateTimeOffset now)
    {
        Enabled = false;
        DeletedAt ??= now;
    }

    private static void EnsureKnown(IReadOnlyList<string> eventTypes)
    {
        if (eventTypes.Count == 0 || eventTypes.FirstOrDefault(type => !WebhookEventTypes.IsKnown(type)) is { } unknown)
        {
            throw new ArgumentException($"Subscribe to at least one of {string.Join(", ", WebhookEventTypes.All)}.", nameof(eventTypes));
        }
    }
}
