using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MiniPg.Infrastructure.Operators;

public static class OperatorKeyEndpoints
{
    /// <summary>
    /// The group's endpoints answer only to the operator key (<see cref="OperatorKeyFilter"/>). The marker says so in the
    /// endpoints' metadata, where the OpenAPI document reads it: a filter is not part of an endpoint's metadata.
    /// </summary>
    public static RouteGroupBuilder RequireOperatorKey(this RouteGroupBuilder group) =>
        group.AddEndpointFilter<OperatorKeyFilter>().WithMetadata(OperatorKeyRequired.Instance);
}

/// <summary>Endpoint metadata: the endpoint runs <see cref="OperatorKeyFilter"/>.</summary>
public sealed class OperatorKeyRequired
{
    public static readonly OperatorKeyRequired Instance = new();

    private OperatorKeyRequired()
    {
    }
}
