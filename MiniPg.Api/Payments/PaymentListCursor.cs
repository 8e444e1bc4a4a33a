using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Cards;

namespace MiniPg.Api.Payments;

/// <summary>
/// Where a page of the payment list ended: its last payment's (requested_at, id), the next page starting strictly after
/// it. Merchants see it as opaque base64url: a version byte, the instant's UTC ticks, the id, then an HMAC-SHA256 tag
/// over those bytes and the merchant, so a cursor that was edited, cut short or issued to another merchant is refused
/// instead of moving the page somewhere unasked. The tag's key is derived from the card vault key as the request
/// fingerprint's is (docs/decisions/0025), under a purpose of its own.
/// </summary>
public readonly record struct PaymentListCursor(DateTimeOffset RequestedAt, PaymentId Id)
{
    private const byte Version = 1;
    private const int GuidLength = 16;
    private const int PositionLength = 1 + sizeof(long) + GuidLength;
    private const int TagLength = 16;
    private const int EncodedLength = PositionLength + TagLength;

    private static readonly byte[] Purpose = "MiniPg payment list cursor v1"u8.ToArray();

    public static byte[] KeyFrom(CardVaultOptions vault) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(vault.Key), 32, salt: [], info: Purpose);

    public static PaymentListCursor After(Payment payment) => new(payment.RequestedAt, payment.Id);

    public string Encode(MerchantId merchantId, byte[] key)
    {
        Span<byte> bytes = stackalloc byte[EncodedLength];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], RequestedAt.UtcTicks);
        Id.Value.TryWriteBytes(bytes.Slice(1 + sizeof(long), GuidLength), bigEndian: true, out _);
        Tag(merchantId, key, bytes[..PositionLength], bytes[PositionLength..]);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string text, MerchantId merchantId, byte[] key, out PaymentListCursor cursor)
    {
        cursor = default;
        Span<byte> bytes = stackalloc byte[EncodedLength];
        if (!Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != EncodedLength || bytes[0] != Version)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[TagLength];
        Tag(merchantId, key, bytes[..PositionLength], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes[PositionLength..]))
        {
            return false;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new PaymentListCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new PaymentId(new Guid(bytes.Slice(1 + sizeof(long), GuidLength), bigEndian: true)));
        return true;
    }

    private static void Tag(MerchantId merchantId, byte[] key, ReadOnlySpan<byte> position, Span<byte> tag)
    {
        Span<byte> message = stackalloc byte[GuidLength + PositionLength];
        merchantId.Value.TryWriteBytes(message[..GuidLength], bigEndian: true, out _);
        position.CopyTo(message[GuidLength..]);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, message, mac);
        mac[..TagLength].CopyTo(tag);
    }
}
