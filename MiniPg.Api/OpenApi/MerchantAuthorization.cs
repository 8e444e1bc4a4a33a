using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MiniPg.Api.Auth;
using MiniPg.Infrastructure.OpenApi;

namespace MiniPg.Api.OpenApi;

/// <summary>
/// Every operation whose endpoint requires authorization (its metadata, as the authorization middleware reads it) needs
/// the merchant's secret key: the document says so with the security requirement and the 401 it answers without one.
/// </summary>
public sealed class MerchantAuthorization : IOpenApiOperationTransformer
{
    public const string SchemeName = MerchantAuthenticationHandler.SchemeName;

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var requiresAuthorization = (metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<AuthorizationPolicy>().Any())
            && !metadata.OfType<IAllowAnonymous>().Any();
        if (!requiresAuthorization)
        {
            return;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
        await ProblemResponses.DescribeAsync(
            operation,
            context,
            StatusCodes.Status401Unauthorized,
            "No `Authorization: Bearer <secret key>` header, or a key MiniPg does not know.",
            TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Authentication required",
                detail: "Send your secret key as `Authorization: Bearer sk_...`; the key given is missing or unknown.").ProblemDetails,
            cancellationToken);
    }
}
