using MiniPg.Domain.Merchants;

namespace MiniPg.Infrastructure.Idempotency;

/// <summary>
/// The first answer given to a merchant's <c>Idempotency-Key</c>, stored in the same transaction as the effect.
/// Its primary key (merchant, key) is the real guard against charging twice: Redis only makes replays fast.
/// </summary>
public sealed class IdempotencyRecord
{
    public IdempotencyRecord(MerchantId merchantId, string idempotencyKey, string requestFingerprint, int responseStatus, string? responseLocation, byte[] responseBody, DateTimeOffset createdAt)
    {
        MerchantId = merchantId;
        IdempotencyKey = idempotencyKey;
        RequestFingerprint = requestFingerprint;
        ResponseStatus = responseStatus;
        ResponseLocation = responseLocation;
        ResponseBody = responseBody;
        CreatedAt = createdAt;
    }

    public MerchantId MerchantId { get; private set; }

    public string IdempotencyKey { get; private set; }

    public string RequestFingerprint { get; private set; }

    public int ResponseStatus { get; private set; }

    public string? ResponseLocation { get; private set; }

    public byte[] ResponseBody { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
