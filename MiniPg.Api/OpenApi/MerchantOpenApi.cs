using MiniPg.Domain.Merchants;
using MiniPg.Infrastructure.OpenApi;
using Scalar.AspNetCore;

namespace MiniPg.Api.OpenApi;

/// <summary>The merchant API's OpenAPI document (<c>/openapi/v1.json</c>) and its Scalar reference (<c>/scalar</c>).</summary>
public static class MerchantOpenApi
{
    public static IServiceCollection AddMerchantOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options
            .AddMiniPgConventions()
            .AddOperationTransformer<MerchantAuthorization>()
            .AddOperationTransformer<IdempotencyKeyParameter>()
            .AddSchemaTransformer<MerchantSchemas>()
            .AddDocumentTransformer<MerchantDocument>());

    /// <summary>In Development the reference page holds the first demo merchant's key, so its requests work as they are.</summary>
    public static WebApplication MapMerchantApiReference(this WebApplication app)
    {
        var development = app.Environment.IsDevelopment();
        app.MapScalarApiReference(options =>
        {
            options.WithTitle("MiniPg merchant API").AddPreferredSecuritySchemes(MerchantAuthorization.SchemeName);
            if (development)
            {
                options.AddHttpAuthentication(MerchantAuthorization.SchemeName, scheme => scheme.Token = DemoMerchants.All[0].ApiKey);
            }
        });
        return app;
    }
}
