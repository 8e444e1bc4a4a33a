using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MiniPg.Infrastructure.Operators;

/// <summary>An operator interface (Settlement's runs, the Processor's dead letters) answers only to <c>Authorization: Bearer &lt;Operator:Key&gt;</c>.</summary>
public sealed class OperatorKeyFilter(IOptions<OperatorOptions> options) : IEndpointFilter
{
    public const string ProblemTitle = "Operator key required";
    public const string ProblemDetail = "Send the operator key as `Authorization: Bearer <key>`.";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        string? header = context.HttpContext.Request.Headers.Authorization;
        var presented = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : string.Empty;
        var expected = options.Value.Key;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected)))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: ProblemTitle,
                detail: ProblemDetail);
        }

        return await next(context);
    }
}
