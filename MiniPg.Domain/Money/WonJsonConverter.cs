using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiniPg.Domain.Money;

/// <summary>An amount travels in JSON as its plain number of won.</summary>
public sealed class WonJsonConverter : JsonConverter<Won>
{
    public override Won Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetInt64());

    public override void Write(Utf8JsonWriter writer, Won value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Value);
}
