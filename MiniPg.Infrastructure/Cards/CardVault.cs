using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniPg.Domain.Cards;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Infrastructure.Cards;

/// <summary>The card details the acquirer needs, revealed from the vault by the Processor.</summary>
public sealed record CardDetails(string Number, int ExpiryMonth, int ExpiryYear);

/// <summary>
/// Tokenization: the API seals the card under a random token in the same transaction as the payment; the Processor
/// reveals it to call the acquirer and forgets it with the outcome. Payments, events and logs only ever see the token.
/// </summary>
public sealed class CardVault(MiniPgDbContext db, IOptions<CardVaultOptions> options, TimeProvider time)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static string NewToken() => $"tok_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";

    /// <summary>Adds the sealed card to the context; it is saved with the payment.</summary>
    public void Seal(string token, CardNumber number, CardExpiry expiry)
    {
        var plain = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{number.Digits}|{expiry.Month}|{expiry.Year}"));
        var sealedCard = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedCard.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(Key(), TagSize);
        aes.Encrypt(nonce, plain, sealedCard.AsSpan(NonceSize + TagSize), sealedCard.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(token));
        CryptographicOperations.ZeroMemory(plain);
        db.VaultedCards.Add(new VaultedCard(token, sealedCard, time.GetUtcNowForStorage()));
    }

    /// <summary>Opens the sealed card; the row stays tracked, so forgetting it afterwards costs no second read.</summary>
    public async Task<CardDetails?> RevealAsync(string token, CancellationToken cancellationToken)
    {
        var vaulted = await db.VaultedCards.SingleOrDefaultAsync(card => card.Token == token, cancellationToken);
        if (vaulted is null)
        {
            return null;
        }

        var sealedCard = vaulted.SealedCard;
        var plain = new byte[sealedCard.Length - NonceSize - TagSize];
        using var aes = new AesGcm(Key(), TagSize);
        aes.Decrypt(sealedCard.AsSpan(0, NonceSize), sealedCard.AsSpan(NonceSize + TagSize), sealedCard.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(token));
        var parts = Encoding.UTF8.GetString(plain).Split('|');
        return new CardDetails(parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    /// <summary>Removes the card with the change being saved (the payment's outcome).</summary>
    public async Task ForgetAsync(string token, CancellationToken cancellationToken)
    {
        var vaulted = db.VaultedCards.Local.FirstOrDefault(card => card.Token == token)
            ?? await db.VaultedCards.SingleOrDefaultAsync(card => card.Token == token, cancellationToken);
        if (vaulted is not null)
        {
            db.VaultedCards.Remove(vaulted);
        }
    }

    private byte[] Key() => Convert.FromBase64String(options.Value.Key);
}
