using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MiniPg.Api.Idempotency;

namespace MiniPg.Api.OpenApi;

/// <summary>
/// The <c>Idempotency-Key</c> header, wherever an operation reads it: the handler takes it as optional only to answer
/// its absence with a problem document that says what to send, so the document says it is required.
/// </summary>
public sealed class IdempotencyKeyParameter : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var key = operation.Parameters?.OfType<OpenApiParameter>()
            .SingleOrDefault(parameter => parameter is { In: ParameterLocation.Header } && parameter.Name == IdempotencyKeyHeader.Name);
        if (key is null)
        {
            return Task.CompletedTask;
        }

        key.Required = true;
        key.Description = "A unique value for this request (a UUID is ideal): 1–255 printable ASCII characters. Reuse it when you "
            + "retry: the same key with the same request answers the first response again; with a different request it is a 422. "
            + "Answers are kept 30 days.";
        key.Example = JsonValue.Create("5f1c2a4e-order-1001");
        if (key.Schema is OpenApiSchema schema)
        {
            schema.MinLength = 1;
            schema.MaxLength = IdempotencyKeyHeader.MaxLength;
        }

        return Task.CompletedTask;
    }
}
