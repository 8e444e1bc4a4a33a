using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MiniPg.Tests.Support;

/// <summary>One operation of an OpenAPI document (or one of its webhooks).</summary>
internal sealed record OpenApiOperation(string Method, string Path, JsonElement Element)
{
    public override string ToString() => $"{Method} {Path}";

    public IEnumerable<(string Status, JsonElement Response)> Responses =>
        Element.GetProperty("responses").EnumerateObject().Select(response => (response.Name, response.Value));

    public JsonElement? RequestBody => Element.TryGetProperty("requestBody", out var body) ? body : null;

    public JsonElement Parameter(string name) =>
        Element.GetProperty("parameters").EnumerateArray().Single(parameter => parameter.GetProperty("name").GetString() == name);
}

/// <summary>
/// A service's OpenAPI document as JSON, and what the document tests ask of it: its operations, and whether an example
/// is valid against its schema (the parts of JSON Schema the documents use: <c>$ref</c>, <c>type</c>, <c>enum</c>,
/// <c>oneOf</c>, <c>anyOf</c> with its OpenAPI <c>discriminator</c>, <c>required</c>, <c>properties</c>,
/// <c>additionalProperties</c>, <c>items</c>, lengths, bounds, <c>pattern</c> and the <c>uuid</c>, <c>date</c> and
/// <c>date-time</c> formats). Stricter than JSON Schema in one way, on purpose: a property the schema does not name is
/// a violation, so an example cannot carry a misspelt field.
/// </summary>
internal sealed class OpenApiJson(JsonElement document)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public JsonElement Root => document;

    public IEnumerable<OpenApiOperation> Operations => OperationsOf("paths");

    public IEnumerable<OpenApiOperation> Webhooks => OperationsOf("webhooks");

    public JsonElement SecuritySchemes => document.GetProperty("components").GetProperty("securitySchemes");

    public static async Task<OpenApiJson> FetchAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return new OpenApiJson(JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }

    /// <summary>Every example of a media type (its <c>example</c> and each of its <c>examples</c>) with the media type's schema.</summary>
    public static IEnumerable<(string Name, JsonElement Value, JsonElement Schema)> ExamplesOf(JsonElement content)
    {
        foreach (var mediaType in content.EnumerateObject())
        {
            if (!mediaType.Value.TryGetProperty("schema", out var schema))
            {
                continue;
            }

            if (mediaType.Value.TryGetProperty("example", out var example))
            {
                yield return ($"{mediaType.Name} example", example, schema);
            }

            if (mediaType.Value.TryGetProperty("examples", out var examples))
            {
                foreach (var named in examples.EnumerateObject())
                {
                    yield return ($"{mediaType.Name} {named.Name}", named.Value.GetProperty("value"), schema);
                }
            }
        }
    }

    /// <summary>Where <paramref name="value"/> breaks <paramref name="schema"/>; empty when it is valid.</summary>
    public IEnumerable<string> Violations(JsonElement value, JsonElement schema, string at = "$")
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Violations(value, Resolve(reference.GetString()!), at);
        }

        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            var matching = oneOf.EnumerateArray().Count(alternative => !Violations(value, alternative, at).Any());
            return matching == 1 ? [] : [$"{at}: matches {matching} of the oneOf alternatives"];
        }

        var violations = new List<string>();
        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            violations.AddRange(AnyOfViolations(value, schema, anyOf, at));
        }

        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(option => JsonElement.DeepEquals(option, value)))
        {
            violations.Add($"{at}: {value} is not one of {allowed}");
        }

        if (schema.TryGetProperty("type", out var type) && !TypesOf(type).Any(name => HasType(value, name)))
        {
            return [$"{at}: {value.ValueKind} is not {type}"];
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                violations.AddRange(ObjectViolations(value, schema, at));
                break;
            case JsonValueKind.Array when schema.TryGetProperty("items", out var items):
                violations.AddRange(value.EnumerateArray().SelectMany((item, index) => Violations(item, items, $"{at}[{index}]")));
                break;
            case JsonValueKind.String:
                violations.AddRange(StringViolations(value.GetString()!, schema, at));
                break;
            case JsonValueKind.Number:
                violations.AddRange(NumberViolations(value.GetDecimal(), schema, at));
                break;
        }

        return violations;
    }

    /// <summary>
    /// A polymorphic value (the timeline's entries) is checked against the schema its discriminator names, so a wrong or
    /// misspelt field of its own type is caught; without a discriminator, against the alternatives, one of which must hold.
    /// </summary>
    private IEnumerable<string> AnyOfViolations(JsonElement value, JsonElement schema, JsonElement anyOf, string at)
    {
        if (!schema.TryGetProperty("discriminator", out var discriminator))
        {
            return anyOf.EnumerateArray().Any(alternative => !Violations(value, alternative, at).Any()) ? [] : [$"{at}: matches none of the anyOf alternatives"];
        }

        var name = discriminator.GetProperty("propertyName").GetString()!;
        return value.ValueKind == JsonValueKind.Object
            && value.TryGetProperty(name, out var tag)
            && tag.ValueKind == JsonValueKind.String
            && discriminator.GetProperty("mapping").TryGetProperty(tag.GetString()!, out var mapped)
                ? Violations(value, Resolve(mapped.GetString()!), at)
                : [$"{at}: its {name} names none of the discriminator's schemas"];
    }

    private IEnumerable<OpenApiOperation> OperationsOf(string section) =>
        document.TryGetProperty(section, out var items)
            ? items.EnumerateObject().SelectMany(item => item.Value.EnumerateObject()
                .Where(method => Methods.Contains(method.Name))
                .Select(method => new OpenApiOperation(method.Name.ToUpperInvariant(), item.Name, method.Value)))
            : [];

    private JsonElement Resolve(string reference)
    {
        const string Prefix = "#/components/schemas/";
        Assert.StartsWith(Prefix, reference, StringComparison.Ordinal);
        return document.GetProperty("components").GetProperty("schemas").GetProperty(reference[Prefix.Length..]);
    }

    private IEnumerable<string> ObjectViolations(JsonElement value, JsonElement schema, string at)
    {
        var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(name => name.GetString()!).Where(name => !value.TryGetProperty(name, out _)))
            {
                yield return $"{at}: required {name} is missing";
            }
        }

        foreach (var property in value.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                foreach (var violation in Violations(property.Value, propertySchema, $"{at}.{property.Name}"))
                {
                    yield return violation;
                }
            }
            else if (schema.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    yield return $"{at}.{property.Name}: not a property of the schema";
                }
                else if (additional.ValueKind == JsonValueKind.Object)
                {
                    foreach (var violation in Violations(property.Value, additional, $"{at}.{property.Name}"))
                    {
                        yield return violation;
                    }
                }
            }
            else if (properties.ValueKind == JsonValueKind.Object)
            {
                yield return $"{at}.{property.Name}: not a property of the schema";
            }
        }
    }

    private static IEnumerable<string> StringViolations(string text, JsonElement schema, string at)
    {
        if (schema.TryGetProperty("minLength", out var min) && text.Length < min.GetInt32())
        {
            yield return $"{at}: shorter than {min}";
        }

        if (schema.TryGetProperty("maxLength", out var max) && text.Length > max.GetInt32())
        {
            yield return $"{at}: longer than {max}";
        }

        if (schema.TryGetProperty("pattern", out var pattern) && !Regex.IsMatch(text, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            yield return $"{at}: {text} does not match {pattern}";
        }

        var formatted = !schema.TryGetProperty("format", out var format) || format.GetString() switch
        {
            "uuid" => Guid.TryParse(text, out _),
            "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && text.Contains('T', StringComparison.Ordinal),
            _ => true,
        };
        if (!formatted)
        {
            yield return $"{at}: {text} is not a {format}";
        }
    }

    private static IEnumerable<string> NumberViolations(decimal number, JsonElement schema, string at)
    {
        if (schema.TryGetProperty("minimum", out var min) && number < min.GetDecimal())
        {
            yield return $"{at}: below {min}";
        }

        if (schema.TryGetProperty("maximum", out var max) && number > max.GetDecimal())
        {
            yield return $"{at}: above {max}";
        }
    }

    private static IEnumerable<string> TypesOf(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(name => name.GetString()!) : [type.GetString()!];

    private static bool HasType(JsonElement value, string type) => (type, value.ValueKind) switch
    {
        ("null", JsonValueKind.Null) => true,
        ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
        ("string", JsonValueKind.String) => true,
        ("object", JsonValueKind.Object) => true,
        ("array", JsonValueKind.Array) => true,
        ("number", JsonValueKind.Number) => true,
        ("integer", JsonValueKind.Number) => value.TryGetInt64(out _),
        _ => false,
    };
}
