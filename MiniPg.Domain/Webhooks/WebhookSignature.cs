using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MiniPg.Domain.Webhooks;

/// <summary>
/// The <c>MiniPg-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c>, the HMAC keyed with the
/// UTF-8 bytes of the endpoint's whole secret over the UTF-8 bytes of <c>"&lt;t&gt;.&lt;raw body&gt;"</c>. Signing the
/// time with the body lets a receiver refuse a replayed old delivery; <c>v1</c> names the scheme so a second one can be
/// added beside it without breaking receivers.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "MiniPg-Signature";

    /// <summary>How old a signed time a receiver should accept, and what the demo receiver and the README use.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static string Header(string secret, DateTimeOffset signedAt, ReadOnlySpan<byte> body)
    {
        var timestamp = signedAt.ToUnixTimeSeconds();
        return string.Create(CultureInfo.InvariantCulture, $"t={timestamp},v1={Compute(secret, timestamp, body)}");
    }

    /// <summary>The lowercase hex HMAC-SHA256 of <c>"&lt;timestamp&gt;.&lt;body&gt;"</c> keyed with the secret.</summary>
    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{timestamp}."));
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>
    /// True when one of the header's <c>v1</c> signatures matches the body under the secret (compared in constant time)
    /// and its time is within <paramref name="tolerance"/> of <paramref name="now"/>.
    /// </summary>
    public static bool Verify(string? header, string secret, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        long? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in (header ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal)
                && long.TryParse(part.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                timestamp = parsed;
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
            {
                signatures.Add(part[3..]);
            }
        }

        if (timestamp is not { } signedAt || Math.Abs(now.ToUnixTimeSeconds() - signedAt) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, signedAt, body));
        return signatures.Exists(signature => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)));
    }
}
