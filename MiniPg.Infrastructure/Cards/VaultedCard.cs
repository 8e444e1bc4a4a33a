namespace MiniPg.Infrastructure.Cards;

/// <summary>
/// A card number held only until the acquirer has answered: AES-GCM ciphertext, bound to its token, in a table of its
/// own. The row is deleted in the same transaction that records the payment's outcome.
/// </summary>
public sealed class VaultedCard(string token, byte[] sealedCard, DateTimeOffset createdAt)
{
    public string Token { get; private set; } = token;

    /// <summary>Nonce, tag and ciphertext of "number|month|year".</summary>
    public byte[] SealedCard { get; private set; } = sealedCard;

    public DateTimeOffset CreatedAt { get; private set; } = createdAt;
}
