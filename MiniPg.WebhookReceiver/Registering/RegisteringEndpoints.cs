using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using MiniPg.WebhookReceiver.Receiving;

namespace MiniPg.WebhookReceiver.Registering;

public sealed record Registration(Guid EndpointId, string Url);

/// <summary><c>POST /register</c>: registers this receiver with the Api as the caller's merchant and keeps the secret, never showing it.</summary>
public static class RegisteringEndpoints
{
    public static IEndpointRouteBuilder MapRegisteringEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/register", Register).WithName(nameof(Register));
        return routes;
    }

    /// <summary>Forwards the caller's <c>Authorization</c> header: the endpoint belongs to the merchant whose key it is.</summary>
    public static async Task<Results<Ok<Registration>, ProblemHttpResult>> Register(
        HttpRequest request, MerchantApiClient api, KnownSecrets secrets, IOptions<ReceiverOptions> options, CancellationToken cancellationToken)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var merchantKey))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Send a merchant's API key.",
                detail: "Authorization: Bearer <merchant key>; the receiver registers itself as that merchant's webhook endpoint.");
        }

        ApiAnswer answer;
        try
        {
            answer = await api.CreateEndpointAsync(merchantKey, options.Value.Url, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The Api could not be reached.", detail: exception.Message);
        }

        switch (answer)
        {
            case ApiAnswer.Created created:
                secrets.Add(created.Secret);
                return TypedResults.Ok(new Registration(created.Id, created.Url));
            case ApiAnswer.Refused refused:
                return TypedResults.Problem(statusCode: refused.StatusCode, title: refused.Title ?? "The Api refused the registration.", detail: refused.Detail);
            default:
                throw new InvalidOperationException($"Unexpected answer {answer}.");
        }
    }
}
