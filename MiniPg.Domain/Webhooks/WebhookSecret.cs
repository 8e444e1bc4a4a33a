using System.Security.Cryptography;

namespace MiniPg.Domain.Webhooks;

/// <summary>An endpoint's signing secret: 32 random bytes, shown to the merchant once, at creation.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";

    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
