using Microsoft.OpenApi;
using MiniPg.Infrastructure.OpenApi;
using MiniPg.Infrastructure.Operators;
using Scalar.AspNetCore;

namespace MiniPg.Settlement;

/// <summary>The operator interface's OpenAPI document (<c>/openapi/v1.json</c>) and its Scalar reference (<c>/scalar</c>).</summary>
public static class OperatorOpenApi
{
    public static IServiceCollection AddOperatorOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options
            .AddMiniPgConventions()
            .AddOperatorKeyScheme()
            .AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "MiniPg Settlement: operator interface",
                    Version = "v1",
                    Description = """
                        Daily settlement and reconciliation (대사) of MiniPg, for MiniPg's operators; merchants read their own
                        settlements through the merchant API (`GET /api/v1/settlements`).

                        Every operation needs the operator key: `Authorization: Bearer <operator key>`. Dates are KST business
                        dates, `YYYY-MM-DD`, and only dates the Korean public holiday data covers can be settled or reconciled.
                        Amounts are whole won. Every error is an RFC 9457 problem document (`application/problem+json`), and a
                        refusal writes nothing. The daily schedule settles each closed day on its own; these operations settle
                        a date on demand, read a run, and reconcile a date with the acquirer's transaction export. The command
                        line has the same verbs: `settle --date` and `reconcile --date [--resolve-ghosts]`.
                        """,
                };
                return Task.CompletedTask;
            }));

    public static WebApplication MapOperatorOpenApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(options => options.WithTitle("MiniPg Settlement: operator interface").AddPreferredSecuritySchemes(OperatorKeyOpenApi.SchemeName));
        return app;
    }
}
