using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using MiniPg.Domain.Webhooks;

namespace MiniPg.Api.Webhooks;

/// <summary>
/// Whether a merchant's URL may receive webhooks: <see cref="WebhookTargets.UrlProblem"/> on the URL, then every
/// address its host name resolves to through <see cref="WebhookTargets.AddressProblem"/>. This only turns a merchant
/// away early, with a reason; what protects the network is the sender, which checks each address again when it
/// connects (a name can be pointed elsewhere after registration).
/// </summary>
public sealed class WebhookTargetCheck(IOptions<WebhookEndpointOptions> options)
{
    /// <summary>Why the URL cannot receive webhooks, or null when it can.</summary>
    public async Task<string?> ProblemAsync(string url, CancellationToken cancellationToken)
    {
        var allowLoopback = options.Value.AllowLoopback;
        if (WebhookTargets.UrlProblem(url, allowLoopback) is { } problem)
        {
            return problem;
        }

        var uri = new Uri(url, UriKind.Absolute);
        if (uri.AbsoluteUri.Length > WebhookTargets.MaxUrlLength)
        {
            return $"The URL is longer than {WebhookTargets.MaxUrlLength} characters once percent-encoded.";
        }

        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            return null;
        }

        var host = uri.IdnHost;
        if (host.Length == 0)
        {
            return "The URL has no host.";
        }

        IPAddress[] addresses;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ResolveTimeout);
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
        }
        catch (SocketException)
        {
            addresses = [];
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The host {host} did not resolve within {options.Value.ResolveTimeout.TotalSeconds:0.#} s.");
        }

        if (addresses.Length == 0)
        {
            return $"The host {host} could not be resolved: give a host name with a public DNS record.";
        }

        foreach (var address in addresses)
        {
            if (WebhookTargets.AddressProblem(address, allowLoopback) is { } addressProblem)
            {
                return $"The host {host} resolves to {address}. {addressProblem}";
            }
        }

        return null;
    }

    /// <summary>The URL as stored and called: absolute, its host lower-cased and anything outside ASCII percent-encoded.</summary>
    public static string Normalized(string url) => new Uri(url, UriKind.Absolute).AbsoluteUri;
}
