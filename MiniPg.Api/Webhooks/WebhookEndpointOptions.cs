using System.ComponentModel.DataAnnotations;

namespace MiniPg.Api.Webhooks;

public sealed class WebhookEndpointOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Whether an endpoint may be on this machine (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>): true in
    /// Development only, for the demo receiver. Private and reserved addresses are refused regardless.
    /// </summary>
    public bool AllowLoopback { get; set; }

    /// <summary>How long a URL's host name may take to resolve before the URL is refused as unresolvable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan ResolveTimeout { get; set; } = TimeSpan.FromSeconds(3);
}
