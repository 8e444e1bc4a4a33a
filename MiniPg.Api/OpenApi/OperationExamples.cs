using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MiniPg.Infrastructure.OpenApi;

namespace MiniPg.Api.OpenApi;

/// <summary>
/// What the example classes do to an operation: named examples of its JSON bodies, each serialized with the JSON
/// metadata the endpoint writes or reads that body with (so names and nulls are the ones on the wire), its parameters'
/// texts, and its problem examples.
/// </summary>
internal static class OperationExamples
{
    public static void SetRequestExamples<T>(OpenApiOperation operation, JsonTypeInfo<T> json, params (string Name, string Summary, T Value)[] examples)
    {
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var content) == true)
        {
            content.Examples = Named(json, examples);
        }
    }

    public static OpenApiResponse SetResponse<T>(
        OpenApiOperation operation, int status, string description, JsonTypeInfo<T> json, params (string Name, string Summary, T Value)[] examples)
    {
        var response = (OpenApiResponse)operation.Responses![status.ToString(CultureInfo.InvariantCulture)];
        response.Description = description;
        if (response.Content?.TryGetValue("application/json", out var content) == true)
        {
            content.Examples = Named(json, examples);
        }

        return response;
    }

    /// <summary>The parameter's description and example, and the values it takes when <paramref name="values"/> are given.</summary>
    public static void DescribeParameter(OpenApiOperation operation, string name, string description, string example, IEnumerable<string>? values = null)
    {
        if (operation.Parameters?.OfType<OpenApiParameter>().SingleOrDefault(parameter => parameter.Name == name) is not { } parameter)
        {
            return;
        }

        parameter.Description = description;
        parameter.Example = JsonValue.Create(example);
        if (values is not null && parameter.Schema is OpenApiSchema schema)
        {
            schema.Enum = [.. values.Select(value => (JsonNode)JsonValue.Create(value))];
        }
    }

    /// <summary>A problem example of the status; a null description keeps the one given with the status's first example.</summary>
    public static async Task DescribeProblemAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string? description, ProblemDetails problem, CancellationToken cancellationToken)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        description ??= operation.Responses?.TryGetValue(key, out var described) == true ? described.Description ?? string.Empty : string.Empty;
        await ProblemResponses.DescribeAsync(operation, context, status, description, problem, cancellationToken);
    }

    private static Dictionary<string, IOpenApiExample> Named<T>(JsonTypeInfo<T> json, (string Name, string Summary, T Value)[] examples) =>
        examples.ToDictionary(
            example => example.Name,
            example => (IOpenApiExample)new OpenApiExample { Summary = example.Summary, Value = JsonSerializer.SerializeToNode(example.Value, json) });
}
