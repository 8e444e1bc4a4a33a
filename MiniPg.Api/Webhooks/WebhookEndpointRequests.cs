using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using MiniPg.Api.Payments;
using MiniPg.Domain.Webhooks;

namespace MiniPg.Api.Webhooks;

// Shape rules are attributes (a 400); whether the URL may receive webhooks needs its host resolved and is checked in
// the handler (a 422).

/// <summary>A URL to receive your payment events, the event types it wants (all of them when left out) and a note of your own.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateWebhookEndpointRequest(
    [Display(Name = "url")]
    [property: Required]
    string? Url,
    [Display(Name = "eventTypes")]
    [property: WebhookEventTypeList]
    IReadOnlyList<string>? EventTypes = null,
    [Display(Name = "description")]
    [property: StringLength(WebhookEndpoint.MaxDescriptionLength), PlainText]
    string? Description = null);

/// <summary>The changes to make to a webhook endpoint: a field left out (or null) stays as it is.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record UpdateWebhookEndpointRequest(
    [Display(Name = "enabled")]
    bool? Enabled = null,
    [Display(Name = "eventTypes")]
    [property: WebhookEventTypeList]
    IReadOnlyList<string>? EventTypes = null,
    [Display(Name = "description")]
    [property: StringLength(WebhookEndpoint.MaxDescriptionLength), PlainText]
    string? Description = null);

/// <summary>When given, at least one event type, each one MiniPg sends (<see cref="WebhookEventTypes.All"/>).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class WebhookEventTypeListAttribute : ValidationAttribute
{
    public WebhookEventTypeListAttribute()
        : base($"{{0}} must list one or more of {string.Join(", ", WebhookEventTypes.All)}.")
    {
    }

    public override bool IsValid(object? value) =>
        value is null || (value is IEnumerable<string?> types && types.Any() && types.All(type => type is not null && WebhookEventTypes.IsKnown(type)));
}
