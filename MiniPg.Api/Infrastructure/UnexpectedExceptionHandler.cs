using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace MiniPg.Api.Infrastructure;

/// <summary>
/// The last resort: a bug or an outage becomes a 500 problem document (or 400 for a request the server could not
/// read) without leaking internals. Expected outcomes never get here: handlers return them as results.
/// </summary>
internal sealed partial class UnexpectedExceptionHandler(IProblemDetailsService problemDetails, ILogger<UnexpectedExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } badRequest =>
                (badRequest.StatusCode, "Malformed request body", $"The body is not valid JSON for this request (at {json.Path ?? "$"}): check field names and types; amounts are whole numbers of won."),
            BadHttpRequestException badRequest => (badRequest.StatusCode, "Bad request", badRequest.Message),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", null),
        };
        if (status >= StatusCodes.Status500InternalServerError)
        {
            LogUnexpected(exception, httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private partial void LogUnexpected(Exception exception, string method, string path);
}
