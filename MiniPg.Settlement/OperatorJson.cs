using System.Text.Json;
using System.Text.Json.Serialization;
using MiniPg.Domain;

namespace MiniPg.Settlement;

/// <summary>The options every operator-facing JSON uses: web defaults, enums spelled as on the wire (<c>STATUS_MISMATCH</c>).</summary>
public static class OperatorJson
{
    public static void Configure(JsonSerializerOptions options) =>
        options.Converters.Add(new JsonStringEnumConverter(WireNames.Policy));
}
