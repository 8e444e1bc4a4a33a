using System.ComponentModel.DataAnnotations;

namespace MiniPg.Infrastructure.Cards;

public sealed class CardVaultOptions
{
    public const string Section = "CardVault";

    /// <summary>A 256-bit AES key, base64. Development and tests use a published demo key; production must supply its own.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9+/]{43}=$", ErrorMessage = "CardVault:Key must be 32 bytes, base64-encoded.")]
    public string Key { get; set; } = string.Empty;
}
