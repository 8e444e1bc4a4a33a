using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;

namespace MiniPg.Infrastructure.OpenApi;

/// <summary>What every MiniPg OpenAPI document does to its operations and schemas, whichever service serves it.</summary>
public static class OpenApiConventions
{
    /// <summary>
    /// Registers the conventions; call it first in <c>AddOpenApi</c>'s options, so a service's own transformers run
    /// after them, and the problem-document rule runs once more after those.
    /// </summary>
    public static OpenApiOptions AddMiniPgConventions(this OpenApiOptions options)
    {
        options.AddOperationTransformer(ApplyEndpointTexts);
        options.AddOperationTransformer(DescribeRequestBodyRefusalsAsync);
        options.AddOperationTransformer(ProblemResponses.AnswerErrorsAsProblemsAsync);
        options.AddSchemaTransformer(RequireWhatValidationRequires);
        options.AddSchemaTransformer(DescribeDomainValues);
        return options;
    }

    /// <summary>
    /// The summary and description an endpoint declares (<c>WithSummary</c>, <c>WithDescription</c>) are the ones
    /// published. The OpenAPI package's XML-comment source generator copies a handler method's <c>&lt;summary&gt;</c>
    /// into the operation's summary and its <c>&lt;remarks&gt;</c> into the description, after the endpoint's own
    /// metadata was applied; a handler's comments are notes for developers, not for API clients.
    /// </summary>
    private static Task ApplyEndpointTexts(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Summary = metadata.OfType<IEndpointSummaryMetadata>().LastOrDefault()?.Summary;
        operation.Description = metadata.OfType<IEndpointDescriptionMetadata>().LastOrDefault()?.Description;
        return Task.CompletedTask;
    }

    /// <summary>A request body can be too large (413) or not of the declared content type (415) on every operation that reads one.</summary>
    private static async Task DescribeRequestBodyRefusalsAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.RequestBody is null)
        {
            return;
        }

        var limit = context.Description.ActionDescriptor.EndpointMetadata.OfType<IRequestSizeLimitMetadata>().LastOrDefault()?.MaxRequestBodySize;
        var tooLarge = limit is { } bytes
            ? string.Create(CultureInfo.InvariantCulture, $"The body is larger than {bytes / 1024} KB, the most this operation reads.")
            : "The body is larger than the server accepts.";
        var contentTypes = string.Join(" or ", operation.RequestBody.Content?.Keys ?? []);
        await ProblemResponses.DescribeAsync(operation, context, StatusCodes.Status413PayloadTooLarge, tooLarge, example: null, cancellationToken);
        await ProblemResponses.DescribeAsync(
            operation, context, StatusCodes.Status415UnsupportedMediaType, $"The body is not sent as {contentTypes} (the Content-Type header).", example: null, cancellationToken);
    }

    /// <summary>
    /// A request body's validation attributes are its contract: a property is required only if it is
    /// <see cref="RequiredAttribute"/> (the schema would otherwise require every constructor parameter of a record, so
    /// an optional cancel <c>amount</c> would look mandatory), and a required property of a simple type is never
    /// <c>null</c>. (An object-typed one keeps its <c>null</c> alternative: the generator adds it after the transformers.)
    /// </summary>
    private static Task RequireWhatValidationRequires(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo?.AttributeProvider is { } property && property.IsDefined(typeof(RequiredAttribute), inherit: true) && schema.Type is { } type)
        {
            schema.Type = type & ~JsonSchemaType.Null;
        }

        var properties = context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object ? context.JsonTypeInfo.Properties : [];
        if (schema.Required is { } required && properties.Any(p => p.AttributeProvider?.IsDefined(typeof(ValidationAttribute), inherit: true) == true))
        {
            foreach (var optional in properties.Where(p => !p.IsRequired && p.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) != true))
            {
                required.Remove(optional.Name);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Ids and amounts have JSON converters of their own, which the schema generator cannot see into: a UUID string and a whole number of won.</summary>
    private static Task DescribeDomainValues(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type == typeof(PaymentId) || type == typeof(MerchantId))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = "uuid";
        }
        else if (type == typeof(Won))
        {
            schema.Type = JsonSchemaType.Integer;
            schema.Format = "int64";
            schema.Description = "Whole won.";
        }

        return Task.CompletedTask;
    }
}
