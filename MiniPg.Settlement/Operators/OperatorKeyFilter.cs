using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MiniPg.Settlement.Operators;

/// <summary>The operator interface answers only to <c>Authorization: Bearer &lt;Settlement:OperatorKey&gt;</c>.</summary>
public sealed class OperatorKeyFilter(IOptions<SettlementOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        string? header = context.HttpContext.Request.Headers.Authorization;
        var presented = header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : string.Empty;
        var expected = options.Value.OperatorKey;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected)))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Operator key required",
                detail: "Send the operator key as `Authorization: Bearer <key>`.");
        }

        return await next(context);
    }
}
