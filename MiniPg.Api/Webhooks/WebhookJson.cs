using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiniPg.Api.Webhooks;

/// <summary>
/// The webhook endpoints' bodies, read and written through source-generated metadata: first in the Api's JSON resolver
/// chain (<see cref="WebhookEndpointRegistration.AddWebhookEndpoints"/>), with the Api's strict reading rules.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CreateWebhookEndpointRequest))]
[JsonSerializable(typeof(UpdateWebhookEndpointRequest))]
[JsonSerializable(typeof(CreatedWebhookEndpointResource))]
[JsonSerializable(typeof(WebhookEndpointResource))]
[JsonSerializable(typeof(WebhookEndpointList))]
[JsonSerializable(typeof(WebhookDeliveryResource))]
[JsonSerializable(typeof(WebhookDeliveryPage))]
public sealed partial class WebhookJson : JsonSerializerContext;
