using System.ComponentModel.DataAnnotations;

namespace MiniPg.WebhookReceiver;

public sealed class ReceiverOptions
{
    public const string Section = "WebhookReceiver";

    /// <summary>The URL <c>POST /register</c> gives the Api: where MiniPg's webhook sender reaches this receiver.</summary>
    [Required]
    [Url]
    public string Url { get; set; } = "http://localhost:5084/webhooks";

    /// <summary>Signing secrets known from the start, for an endpoint registered some other way (with curl, say).</summary>
    public string[] Secrets { get; set; } = [];
}
