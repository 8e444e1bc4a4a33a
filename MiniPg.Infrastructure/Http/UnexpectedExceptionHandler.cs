using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MiniPg.Infrastructure.Http;

/// <summary>
/// The last resort: a request the server could not read becomes a 400 problem document naming where it went wrong,
/// and a bug or an outage a 500 without internals. Expected outcomes never get here: handlers return them as results.
/// </summary>
internal sealed partial class UnexpectedExceptionHandler(IProblemDetailsService problemDetails, ILogger<UnexpectedExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } badRequest =>
                (badRequest.StatusCode, "Malformed request body", $"The body is not valid JSON for this request (at {json.Path ?? "$"}): check the field's name, type and format, and send each field once."),
            BadHttpRequestException badRequest =>
                (badRequest.StatusCode, "Bad request", "The request could not be read: send the JSON body the endpoint documents, as application/json."),
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
