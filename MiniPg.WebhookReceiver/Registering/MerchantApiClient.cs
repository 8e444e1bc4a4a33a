using System.Net.Http.Headers;
using System.Text.Json;

namespace MiniPg.WebhookReceiver.Registering;

/// <summary>The Api's answer to a registration: the endpoint and its secret, or the problem it refused with.</summary>
public abstract record ApiAnswer
{
    public sealed record Created(Guid Id, string Url, string Secret) : ApiAnswer;

    public sealed record Refused(int StatusCode, string? Title, string? Detail) : ApiAnswer;
}

/// <summary>MiniPg's merchant Api at <c>http://api</c> (service discovery), called as the merchant whose key the caller gave.</summary>
public sealed partial class MerchantApiClient(HttpClient http, ILogger<MerchantApiClient> logger)
{
    public const string EndpointsPath = "/api/v1/webhook-endpoints";

    public async Task<ApiAnswer> CreateEndpointAsync(AuthenticationHeaderValue merchantKey, string url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, EndpointsPath)
        {
            Content = JsonContent.Create(new { url, description = "MiniPg demo receiver" }),
        };
        request.Headers.Authorization = merchantKey;
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var endpoint = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var created = new ApiAnswer.Created(endpoint.GetProperty("id").GetGuid(), endpoint.GetProperty("url").GetString()!, endpoint.GetProperty("secret").GetString()!);
            LogRegistered(created.Id, created.Url);
            return created;
        }

        var problem = response.Content.Headers.ContentLength == 0 ? default : await ReadProblemAsync(response, cancellationToken);
        return new ApiAnswer.Refused((int)response.StatusCode, problem.Title, problem.Detail);
    }

    private static async Task<(string? Title, string? Detail)> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            return (problem.TryGetProperty("title", out var title) ? title.GetString() : null, problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null);
        }
        catch (JsonException)
        {
            return (response.ReasonPhrase, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered as webhook endpoint {EndpointId} for {Url}; its secret is kept in memory only")]
    private partial void LogRegistered(Guid endpointId, string url);
}
