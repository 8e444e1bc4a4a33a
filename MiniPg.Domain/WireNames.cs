using System.Text.Json;

namespace MiniPg.Domain;

/// <summary>The one spelling of enum values outside the process (JSON, database, events): UPPER_SNAKE_CASE.</summary>
public static class WireNames
{
    public static JsonNamingPolicy Policy => JsonNamingPolicy.SnakeCaseUpper;

    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => Policy.ConvertName(value.ToString());

    public static TEnum Parse<TEnum>(string text)
        where TEnum : struct, Enum => Enum.Parse<TEnum>(text.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true);
}
