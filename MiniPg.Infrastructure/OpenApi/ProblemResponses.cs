using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MiniPg.Infrastructure.OpenApi;

/// <summary>
/// Error responses in an OpenAPI document: every MiniPg service answers each 4xx and 5xx with an RFC 9457 problem
/// document, so the document says <c>application/problem+json</c> for each of them, with an example where one helps.
/// </summary>
public static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    private const string ProblemSchemaId = nameof(ProblemDetails);

    private static readonly JsonSerializerOptions ExampleJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Makes <paramref name="status"/> one of the operation's responses, described by <paramref name="description"/>
    /// and answered as a problem document; <paramref name="example"/>, if given, is added to its examples.
    /// </summary>
    public static async Task DescribeAsync(
        OpenApiOperation operation,
        OpenApiOperationTransformerContext context,
        int status,
        string description,
        ProblemDetails? example,
        CancellationToken cancellationToken)
    {
        operation.Responses ??= [];
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (!operation.Responses.TryGetValue(key, out var existing) || existing is not OpenApiResponse response)
        {
            response = new OpenApiResponse();
            operation.Responses[key] = response;
        }

        response.Description = description;
        var content = await ProblemContentAsync(response, context, cancellationToken);
        if (example is not null)
        {
            example.Status ??= status;
            content.Examples ??= new Dictionary<string, IOpenApiExample>();
            content.Examples[example.Title ?? key] = new OpenApiExample
            {
                Summary = example.Title,
                Value = JsonSerializer.SerializeToNode(example, example.GetType(), ExampleJson),
            };
        }
    }

    /// <summary>Gives every 4xx and 5xx response of the operation problem-document content, whoever declared it.</summary>
    public static async Task AnswerErrorsAsProblemsAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (key, value) in operation.Responses ?? [])
        {
            if (int.TryParse(key, out var status) && status >= StatusCodes.Status400BadRequest && value is OpenApiResponse response)
            {
                await ProblemContentAsync(response, context, cancellationToken);
            }
        }
    }

    /// <summary>The response's problem-document content: the one declared (a validation problem keeps its schema), or a new one in place of any other.</summary>
    private static async Task<OpenApiMediaType> ProblemContentAsync(OpenApiResponse response, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (response.Content?.TryGetValue(ContentType, out var declared) == true)
        {
            return declared;
        }

        var content = new OpenApiMediaType { Schema = await ProblemSchemaAsync(context, cancellationToken) };
        response.Content = new Dictionary<string, OpenApiMediaType> { [ContentType] = content };
        return content;
    }

    private static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document ?? throw new InvalidOperationException("An operation transformer runs within a document.");
        if (document.Components?.Schemas?.ContainsKey(ProblemSchemaId) != true)
        {
            document.AddComponent(ProblemSchemaId, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken));
        }

        return new OpenApiSchemaReference(ProblemSchemaId, document);
    }
}
