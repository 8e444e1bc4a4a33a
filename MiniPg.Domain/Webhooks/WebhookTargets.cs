using System.Net;
using System.Net.Sockets;

namespace MiniPg.Domain.Webhooks;

/// <summary>
/// Where MiniPg may send a webhook. A merchant chooses the URL, so without these rules a webhook could make MiniPg's
/// servers call its own network (server-side request forgery): the database, the cloud's metadata service, an admin
/// port. Only <c>http</c>/<c>https</c> URLs to public addresses are allowed; loopback only where the host says so
/// (Development, for the demo receiver). The rule is checked on every address a host name resolves to, at registration
/// and again when each connection is made, so a name that later resolves inside is refused too.
/// </summary>
public static class WebhookTargets
{
    public const int MaxUrlLength = 2048;

    /// <summary>Why the URL can never be a webhook target, or null. Host names are checked later, once resolved.</summary>
    public static string? UrlProblem(string? url, bool allowLoopback)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return $"Give an absolute http or https URL of at most {MaxUrlLength} characters.";
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return "Only http and https URLs can receive webhooks.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return "The URL must not carry credentials or a fragment.";
        }

        return IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) ? AddressProblem(address, allowLoopback) : null;
    }

    /// <summary>Why MiniPg must not connect to this address, or null for a public unicast address.</summary>
    public static string? AddressProblem(IPAddress address, bool allowLoopback)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return allowLoopback ? null : "Loopback addresses cannot receive webhooks.";
        }

        return IsInternal(address) ? $"{address} is a private, link-local or reserved address; webhooks go to public addresses only." : null;
    }

    private static bool IsInternal(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes6 = address.GetAddressBytes();
            return address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || address.IsIPv6Teredo // an IPv4 address hidden inside
                || (bytes6[0] & 0xFE) == 0xFC // unique local fc00::/7
                || bytes6.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 // IPv4-compatible ::a.b.c.d
                || (bytes6[0] == 0x00 && bytes6[1] == 0x64 && bytes6[2] == 0xFF && bytes6[3] == 0x9B) // NAT64 64:ff9b::/32, reaches any IPv4 address
                || (bytes6[0] == 0x20 && bytes6[1] == 0x02 && IsInternal(new IPAddress(bytes6.AsSpan(2, 4)))); // 6to4 2002:a.b.c.d::/48
        }

        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => true,
            100 => b[1] >= 64 && b[1] <= 127, // carrier-grade NAT 100.64.0.0/10
            169 => b[1] == 254, // link-local, the cloud metadata service
            172 => b[1] >= 16 && b[1] <= 31,
            192 => (b[1] == 168) || (b[1] == 0 && b[2] == 0) || (b[1] == 0 && b[2] == 2),
            198 => b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100),
            203 => b[1] == 0 && b[2] == 113,
            >= 224 => true, // multicast, reserved, broadcast
            _ => false,
        };
    }
}
