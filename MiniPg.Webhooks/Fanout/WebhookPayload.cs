using System.Buffers;
using System.Text;
using System.Text.Json;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Caching;

namespace MiniPg.Webhooks.Fanout;

/// <summary>
/// The body every attempt of a delivery sends:
/// <c>{ "id", "type", "occurredAt", "data": { "payment": &lt;the payment resource&gt;, "event": &lt;the event as published&gt; } }</c>.
/// The payment is the resource a merchant's <c>GET /api/v1/payments/{id}</c> answers, as it reads when the delivery is
/// created; the event is the integration event's own JSON, byte for byte.
/// </summary>
public static class WebhookPayload
{
    public static string Of(PaymentEvent paymentEvent, Payment payment)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", paymentEvent.EventId);
            json.WriteString("type", paymentEvent.Type);
            json.WriteString("occurredAt", paymentEvent.OccurredAt);
            json.WriteStartObject("data");
            json.WritePropertyName("payment");
            json.WriteRawValue(PaymentResource.JsonOf(payment));
            json.WritePropertyName("event");
            json.WriteRawValue(paymentEvent.Json);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
