using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiniPg.Domain.Merchants;

/// <summary>A merchant id travels in JSON as its plain UUID string.</summary>
public sealed class MerchantIdJsonConverter : JsonConverter<MerchantId>
{
    public override MerchantId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetGuid());

    public override void Write(Utf8JsonWriter writer, MerchantId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
