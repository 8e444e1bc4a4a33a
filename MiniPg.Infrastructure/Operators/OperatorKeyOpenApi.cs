using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MiniPg.Infrastructure.OpenApi;

namespace MiniPg.Infrastructure.Operators;

/// <summary>The operator key in an operator interface's OpenAPI document: its security scheme, required with a 401 on every operation that runs the filter.</summary>
public static class OperatorKeyOpenApi
{
    public const string SchemeName = "OperatorKey";

    public static OpenApiOptions AddOperatorKeyScheme(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "operator key",
                Description = "`Authorization: Bearer <operator key>`: the AppHost's `operator-key` parameter (`Operator:Key`; "
                    + "`sk_test_operator` in Development). It is shared by every operator interface and never given to a merchant.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(RequireOperatorKeyAsync);
        return options;
    }

    private static async Task RequireOperatorKeyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<OperatorKeyRequired>().Any())
        {
            return;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
        await ProblemResponses.DescribeAsync(
            operation,
            context,
            StatusCodes.Status401Unauthorized,
            "The operator key is missing or wrong.",
            TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: OperatorKeyFilter.ProblemTitle, detail: OperatorKeyFilter.ProblemDetail).ProblemDetails,
            cancellationToken);
    }
}
