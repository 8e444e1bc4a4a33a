using System.Security.Cryptography;

namespace MiniPg.Core.Payments;

/// <summary>Opaque card tokens: random, so nothing about the card can be derived from one.</summary>
public static class CardTokens
{
    public static string New() => $"tok_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";
}
