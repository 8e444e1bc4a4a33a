using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using MiniPg.Domain.Webhooks;

namespace MiniPg.Webhooks.Sending;

public static class WebhookHttpClient
{
    public const string Name = "webhooks";

    /// <summary>
    /// The client that calls merchants' URLs. None of the handlers <c>AddServiceDefaults</c> puts on every client: the
    /// standard resilience handler's retries and circuit breaker are for calls between MiniPg's services, while a
    /// webhook's retry is its schedule, recorded attempt by attempt; and service discovery would turn a merchant's
    /// <c>http://api/</c> into the address of MiniPg's own Api. Redirects are not followed (a redirect could point
    /// anywhere), and every connection goes through <see cref="ConnectAsync"/>, which refuses addresses MiniPg must not
    /// call.
    /// </summary>
    /// <remarks>
    /// Clearing the additional handlers is the stable way to opt one client out of the defaults:
    /// <c>RemoveAllResilienceHandlers()</c> does it for the resilience handler alone and is still marked experimental.
    /// </remarks>
    public static IHostApplicationBuilder AddWebhookHttpClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpClient(Name, (services, http) => http.Timeout = services.GetRequiredService<IOptions<WebhookOptions>>().Value.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(services =>
            {
                var allowLoopback = services.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowLoopback;
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,

                    // A proxy would be the address connected to, and the check would be of the proxy, not the target.
                    UseProxy = false,
                    ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowLoopback, cancellationToken),
                };
            })
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) => handlers.Clear());
        return builder;
    }

    /// <summary>
    /// Resolves the host once, refuses the connection unless every address passes
    /// <see cref="WebhookTargets.AddressProblem"/>, and connects to exactly the addresses it checked. Checking when each
    /// connection is made, not only when the URL is registered, is what refuses a name that resolves to a public address
    /// at registration and to an internal one later (DNS rebinding).
    /// </summary>
    /// <remarks>
    /// The exception's message becomes the attempt's error: the handler wraps it in an
    /// <see cref="HttpRequestException"/> whose message is this one followed by <c>(host:port)</c>.
    /// </remarks>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint target, bool allowLoopback, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(target.Host, cancellationToken);
        var refused = addresses.Select(address => (Address: address, Problem: WebhookTargets.AddressProblem(address, allowLoopback)))
            .Where(check => check.Problem is not null)
            .ToList();
        if (refused.Count > 0)
        {
            throw new HttpRequestException(
                HttpRequestError.ConnectionError,
                $"Refused to connect to {target.Host} ({string.Join(", ", refused.Select(check => check.Address))}): {refused[0].Problem}");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, target.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
