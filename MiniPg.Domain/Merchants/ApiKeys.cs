using System.Security.Cryptography;
using System.Text;

namespace MiniPg.Domain.Merchants;

/// <summary>
/// Secret keys are long random strings, so an unsalted SHA-256 is enough to make a leaked table useless and lets a
/// request find its merchant with one indexed lookup (the approach of GitHub's and Stripe's token stores).
/// </summary>
public static class ApiKeys
{
    public static string Hash(string apiKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
}
