using System.Buffers.Binary;
using System.Buffers.Text;
using MiniPg.Domain.Webhooks;

namespace MiniPg.Api.Webhooks;

/// <summary>
/// Where a page of a delivery log ended: its last delivery's (created_at, id), the next page starting strictly after
/// it. Merchants see it as opaque base64url (a version byte, the instant's UTC ticks, the id). It needs no signature:
/// it only moves within a log the merchant may read in full anyway.
/// </summary>
public readonly record struct WebhookDeliveryCursor(DateTimeOffset CreatedAt, Guid Id)
{
    private const byte Version = 1;
    private const int GuidLength = 16;
    private const int EncodedLength = 1 + sizeof(long) + GuidLength;

    public static WebhookDeliveryCursor After(WebhookDelivery delivery) => new(delivery.CreatedAt, delivery.Id);

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[EncodedLength];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], CreatedAt.UtcTicks);
        Id.TryWriteBytes(bytes[(1 + sizeof(long))..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string text, out WebhookDeliveryCursor cursor)
    {
        cursor = default;
        Span<byte> bytes = stackalloc byte[EncodedLength];
        if (text.Length > Base64Url.GetEncodedLength(EncodedLength)
            || !Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != EncodedLength || bytes[0] != Version)
        {
            return false;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new WebhookDeliveryCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[(1 + sizeof(long))..], bigEndian: true));
        return true;
    }
}
