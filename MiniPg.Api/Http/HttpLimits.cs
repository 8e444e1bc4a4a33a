using System.Text;

namespace MiniPg.Api.Http;

/// <summary>
/// Request-line and header limits, enforced by the Api itself so that breaking them is a problem document like any
/// other bad input. Kestrel rejects what breaks its own limits before any middleware runs, with an empty body and no
/// way to change it; so its limits are set at twice ours, and header bytes are read as Latin-1 instead of refused as
/// non-ASCII, leaving the decisions (and the answers) to <see cref="UseHttpLimits"/>. What still breaks Kestrel's
/// framing (a NUL or a bare line feed in a header, a request line of more than twice the limit) gets its empty 400.
/// </summary>
public static class HttpLimits
{
    public const int MaxRequestTargetLength = 8 * 1024;
    public const int MaxHeadersTotalSize = 32 * 1024;

    public static WebApplicationBuilder AddHttpLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = 2 * MaxRequestTargetLength;
            kestrel.Limits.MaxRequestHeadersTotalSize = 2 * MaxHeadersTotalSize;
            kestrel.RequestHeaderEncodingSelector = _ => Encoding.Latin1;
        });
        return builder;
    }

    public static IApplicationBuilder UseHttpLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (Violation(context.Request) is { } problem)
        {
            context.Response.StatusCode = problem.Status;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = problem.Status, Title = problem.Title, Detail = problem.Detail },
            });
            return;
        }

        await next(context);
    });

    private static (int Status, string Title, string Detail)? Violation(HttpRequest request)
    {
        if ((request.Path.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0) > MaxRequestTargetLength)
        {
            return (StatusCodes.Status414UriTooLong, "URI too long", $"The path and query may be at most {MaxRequestTargetLength} characters.");
        }

        var headersSize = 0;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                headersSize += name.Length + (value?.Length ?? 0) + 4;
                if (value is not null && !IsVisibleAscii(value))
                {
                    return (StatusCodes.Status400BadRequest, "Invalid header", $"The {name} header holds a character outside printable ASCII.");
                }
            }
        }

        return headersSize > MaxHeadersTotalSize
            ? (StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request headers too large", $"All headers together may be at most {MaxHeadersTotalSize} bytes.")
            : null;
    }

    private static bool IsVisibleAscii(string value) => value.All(c => c is '\t' or (>= ' ' and <= '~'));
}
