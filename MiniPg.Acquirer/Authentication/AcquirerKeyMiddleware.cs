using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MiniPg.Acquirer.Authentication;

/// <summary>
/// Every <c>/v1</c> call (any case, mapped or not) must present <c>Authorization: Bearer &lt;Acquirer:Key&gt;</c>, or it
/// is a 401 problem; the health endpoints stay open to the orchestrator. The keys are compared as SHA-256 digests in
/// constant time, so neither their contents nor their lengths show in the time a refusal takes.
/// </summary>
public sealed class AcquirerKeyMiddleware(RequestDelegate next, IOptions<AcquirerKeyOptions> options)
{
    private static readonly PathString Protected = "/v1";
    private readonly byte[] _expected = Digest(options.Value.Key);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(Protected, StringComparison.OrdinalIgnoreCase) || Presents(context.Request))
        {
            await next(context);
            return;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        await TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Acquirer key required",
            detail: "Send the key the acquirer issued to you as `Authorization: Bearer <key>`.").ExecuteAsync(context);
    }

    private bool Presents(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        var presented = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : string.Empty;
        return CryptographicOperations.FixedTimeEquals(Digest(presented), _expected);
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

public static class AcquirerKeyRegistration
{
    public static IServiceCollection AddAcquirerKey(this IServiceCollection services)
    {
        services.AddOptions<AcquirerKeyOptions>()
            .BindConfiguration(AcquirerKeyOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    public static IApplicationBuilder UseAcquirerKey(this IApplicationBuilder app) => app.UseMiddleware<AcquirerKeyMiddleware>();
}
