using Microsoft.AspNetCore.Http.HttpResults;

namespace MiniPg.Api.Idempotency;

/// <summary>Writes a stored response byte for byte, marking a replay with <c>Idempotent-Replayed: true</c>.</summary>
public sealed class StoredResponseResult(StoredResponse response, bool replayed) : IResult
{
    public StoredResponse Response { get; } = response;

    public bool Replayed { get; } = replayed;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext.Response;
        http.StatusCode = Response.Status;
        http.ContentType = "application/json; charset=utf-8";
        http.ContentLength = Response.Body.Length;
        if (Response.Location is not null)
        {
            http.Headers.Location = Response.Location;
        }

        if (Replayed)
        {
            http.Headers[IdempotencyKeyHeader.ReplayedHeaderName] = "true";
        }

        await http.Body.WriteAsync(Response.Body, httpContext.RequestAborted);
    }
}

public static class IdempotencyProblems
{
    public static ProblemHttpResult KeyReusedWithDifferentRequest() => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "Idempotency key reused",
        detail: $"This {IdempotencyKeyHeader.Name} was already used with a different request. Use a new key for a new request.");

    public static ProblemHttpResult ConcurrentChange() => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Concurrent change",
        detail: $"The payment changed while this request ran. Retry with the same {IdempotencyKeyHeader.Name}.");

    public static ProblemHttpResult RequestInFlight() => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Request in progress",
        detail: $"A request with this {IdempotencyKeyHeader.Name} is still being processed. Retry shortly to receive its result.");
}
