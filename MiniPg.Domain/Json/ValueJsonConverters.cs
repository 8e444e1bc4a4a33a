using System.Text.Json;
using System.Text.Json.Serialization;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;

namespace MiniPg.Domain.Json;

/// <summary>Value types travel as their plain value in JSON: an amount is a number of won, an id is a UUID string.</summary>
public sealed class WonJsonConverter : JsonConverter<Won>
{
    public override Won Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetInt64());

    public override void Write(Utf8JsonWriter writer, Won value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Value);
}

public sealed class PaymentIdJsonConverter : JsonConverter<PaymentId>
{
    public override PaymentId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetGuid());

    public override void Write(Utf8JsonWriter writer, PaymentId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}

public sealed class MerchantIdJsonConverter : JsonConverter<MerchantId>
{
    public override MerchantId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetGuid());

    public override void Write(Utf8JsonWriter writer, MerchantId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}

/// <summary>The options every operator-facing JSON uses: web defaults, enums spelled as on the wire (<c>STATUS_MISMATCH</c>).</summary>
public static class MiniPgJson
{
    public static void Configure(JsonSerializerOptions options) =>
        options.Converters.Add(new JsonStringEnumConverter(WireNames.Policy));
}
