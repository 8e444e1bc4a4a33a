using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MiniPg.Domain.Events;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Webhooks;
using MiniPg.Infrastructure.Caching;

namespace MiniPg.Api.OpenApi;

/// <summary>The body of a webhook delivery: the event's id and type, and the payment with the integration event as published.</summary>
public sealed record WebhookEvent<TEvent>(Guid Id, string Type, DateTimeOffset OccurredAt, WebhookEventData<TEvent> Data)
    where TEvent : IIntegrationEvent;

/// <summary>The payment as it stood when the delivery was prepared, and the integration event as MiniPg published it.</summary>
public sealed record WebhookEventData<TEvent>(PaymentResource Payment, TEvent Event)
    where TEvent : IIntegrationEvent;

/// <summary>
/// The contract of the webhooks MiniPg sends to a merchant's endpoints, as the OpenAPI 3.1 <c>webhooks</c> of the merchant
/// document: the headers of a delivery (its signature above all), the body of each event, and what the answer means.
/// </summary>
public static class PaymentWebhooks
{
    public const string EventIdHeader = "MiniPg-Event-Id";
    public const string EventTypeHeader = "MiniPg-Event-Type";
    public const string DeliveryIdHeader = "MiniPg-Delivery-Id";
    public const string SignatureHeader = WebhookSignature.HeaderName;

    public const string Delivery = "MiniPg `POST`s each event to every webhook endpoint you registered, as `application/json`. Answer "
        + "any `2xx` within 10 seconds; anything else, or no answer, is retried with exponential back-off for about a day. "
        + "Delivery is at least once: de-duplicate on `" + EventIdHeader + "`, which is the same on every retry. Events of one "
        + "payment are not promised in order: `data.payment` is the payment as it stood when the delivery was prepared, and "
        + "`GET /api/v1/payments/{id}` tells its state now.";

    public const string Signature = "Check `" + SignatureHeader + "` before trusting a delivery. It reads `t=<unix seconds>,v1=<hex>`: "
        + "`v1` is the lowercase hex HMAC-SHA256, keyed with your endpoint's signing secret (the UTF-8 bytes of the whole "
        + "`whsec_…` string), of the UTF-8 bytes of `<t>.<raw body>`. Compute it over the body exactly as received, before "
        + "parsing it; compare in constant time, and reject a `t` more than 5 minutes old.";

    private static readonly Guid EventId = Guid.Parse("019ab3c1-8a40-7e21-b6d4-2c9f5e7a1b33");
    private static readonly Guid MerchantId = DemoMerchants.All[0].Id.Value;

    public static async Task AddToAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var completed = PaymentExamples.Approved;
        var failed = PaymentExamples.Declined;
        var cancelled = PaymentExamples.PartlyCancelled;
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        document.Webhooks[Topics.PaymentCompleted] = await WebhookAsync<PaymentCompleted>(
            document,
            context,
            "A payment was approved",
            "The acquirer approved the card: the payment is `APPROVED` and will be settled to you.",
            Example(Topics.PaymentCompleted, completed, new PaymentCompleted(
                EventId, completed.ApprovedAt!.Value, completed.Id, MerchantId, completed.Amount, "acq_7c1e9b2f04d84f0a", completed.ApprovedAt.Value)),
            cancellationToken);
        document.Webhooks[Topics.PaymentFailed] = await WebhookAsync<PaymentFailed>(
            document,
            context,
            "A payment failed",
            "The card was declined, or the acquirer never answered (`acquirer_unavailable`, the card is not charged): the payment is `FAILED`.",
            Example(Topics.PaymentFailed, failed, new PaymentFailed(
                EventId, failed.RequestedAt.AddSeconds(1), failed.Id, MerchantId, failed.Failure!.Code, failed.Failure.Message)),
            cancellationToken);
        document.Webhooks[Topics.PaymentCancelled] = await WebhookAsync<PaymentCancelled>(
            document,
            context,
            "A payment was cancelled, in full or in part",
            "A cancel was refunded by the acquirer and recorded: `data.event` says how much, and how much remains.",
            Example(Topics.PaymentCancelled, cancelled, new PaymentCancelled(
                EventId, cancelled.ApprovedAt!.Value.AddHours(2), cancelled.Id, MerchantId, Guid.Parse("019ab3c4-2f10-7b9e-8d31-6a0c4e2b9f57"),
                cancelled.CancelledAmount, cancelled.Amount - cancelled.CancelledAmount)),
            cancellationToken);
    }

    private static async Task<OpenApiPathItem> WebhookAsync<TEvent>(
        OpenApiDocument document,
        OpenApiDocumentTransformerContext context,
        string summary,
        string description,
        JsonNode example,
        CancellationToken cancellationToken)
        where TEvent : IIntegrationEvent
    {
        var type = example["type"]!.GetValue<string>();
        var schemaId = $"{typeof(TEvent).Name}Webhook";
        var schema = await context.GetOrCreateSchemaAsync(typeof(WebhookEvent<TEvent>), null, cancellationToken);
        if (schema.Properties is { } properties)
        {
            properties["type"] = Text(type);
            if (properties["data"] is OpenApiSchema { Properties: { } data })
            {
                data["payment"] = new OpenApiSchemaReference(nameof(PaymentResource), document);
            }
        }

        document.AddComponent(schemaId, schema);
        return new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Post] = new()
                {
                    OperationId = $"{typeof(TEvent).Name}Webhook",
                    Tags = new HashSet<OpenApiTagReference> { new("Webhooks", document) },
                    Summary = summary,
                    Description = $"{description}\n\n{Delivery}\n\n{Signature}",
                    Parameters =
                    [
                        Header(EventIdHeader, "The event's id, the same on every retry of it: de-duplicate on it.", Uuid(), EventId.ToString()),
                        Header(EventTypeHeader, "The event's type.", Text(type), type),
                        Header(DeliveryIdHeader, "The id of this event's delivery to this endpoint.", Uuid(), "019ab3c1-8a41-7f02-a3c5-0d8e6f4b7a92"),
                        Header(
                            SignatureHeader,
                            "`t=<unix seconds>,v1=<lowercase hex HMAC-SHA256 of \"<t>.<raw body>\" keyed with the endpoint's signing secret>`.",
                            new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^t=[0-9]+,v1=[0-9a-f]{64}$" },
                            "t=1795577281,v1=bfc7dd7386a075c7d6c0607c6d11a6a81dfbe4537a99606830d459cc961aee20"),
                    ],
                    RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Schema = new OpenApiSchemaReference(schemaId, document), Example = example },
                        },
                    },
                    Responses = new OpenApiResponses
                    {
                        ["2XX"] = new OpenApiResponse { Description = "Received. Answer within 10 seconds; the body of the answer is ignored." },
                        ["default"] = new OpenApiResponse
                        {
                            Description = "Anything else, or no answer within 10 seconds: MiniPg retries with exponential back-off for about a day.",
                        },
                    },
                },
            },
        };
    }

    private static JsonNode Example<TEvent>(string type, PaymentResource payment, TEvent integrationEvent)
        where TEvent : IIntegrationEvent =>
        JsonSerializer.SerializeToNode(
            new WebhookEvent<TEvent>(integrationEvent.EventId, type, integrationEvent.OccurredAt, new WebhookEventData<TEvent>(payment, integrationEvent)),
            JsonSerializerOptions.Web)!;

    private static OpenApiParameter Header(string name, string description, OpenApiSchema schema, string example) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = true,
        Description = description,
        Schema = schema,
        Example = JsonValue.Create(example),
    };

    private static OpenApiSchema Uuid() => new() { Type = JsonSchemaType.String, Format = "uuid" };

    private static OpenApiSchema Text(string value) => new() { Type = JsonSchemaType.String, Enum = [JsonValue.Create(value)] };
}
