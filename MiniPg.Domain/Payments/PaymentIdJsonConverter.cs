using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiniPg.Domain.Payments;

/// <summary>A payment id travels in JSON as its plain UUID string.</summary>
public sealed class PaymentIdJsonConverter : JsonConverter<PaymentId>
{
    public override PaymentId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetGuid());

    public override void Write(Utf8JsonWriter writer, PaymentId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
