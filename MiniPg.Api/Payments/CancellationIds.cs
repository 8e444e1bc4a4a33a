using System.Security.Cryptography;
using System.Text;
using MiniPg.Domain.Merchants;

namespace MiniPg.Api.Payments;

/// <summary>
/// The id a cancel is known by at the acquirer, derived from (merchant, Idempotency-Key): a retry of the same cancel,
/// even after a crash between the acquirer's answer and our commit, reuses it, and the acquirer cancels only once.
/// </summary>
public static class CancellationIds
{
    public static Guid For(MerchantId merchantId, string idempotencyKey) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"cancel|{merchantId}|{idempotencyKey}")).AsSpan(0, 16));
}
