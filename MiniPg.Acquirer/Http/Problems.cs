using Microsoft.AspNetCore.Http.HttpResults;

namespace MiniPg.Acquirer.Http;

/// <summary>The acquirer's expected failures, as RFC 9457 problem documents.</summary>
public static class Problems
{
    public static ProblemHttpResult UnknownRequest(Guid requestId) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Unknown approval request",
        detail: $"The acquirer has no record of request {requestId}.");

    public static ProblemHttpResult Unprocessable(string title, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity, title: title, detail: detail);

    public static ProblemHttpResult Unavailable(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable, title: "Acquirer temporarily unavailable", detail: detail);
}
