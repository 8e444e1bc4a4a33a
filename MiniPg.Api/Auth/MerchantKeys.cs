using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using MiniPg.Domain.Merchants;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Api.Auth;

/// <summary>
/// Resolves a secret key's hash to its merchant. A known key is remembered for <see cref="KnownKeyLifetime"/>, so
/// PostgreSQL is asked once per key per lifetime instead of on every request (ADR 33). An unknown key is never
/// remembered: anyone can send one, and remembering them would let anyone fill the memory.
/// </summary>
public sealed class MerchantKeys(TimeProvider time)
{
    /// <summary>How long a key removed from the database may still be accepted by an Api instance.</summary>
    public static readonly TimeSpan KnownKeyLifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, KnownKey> known = new(StringComparer.Ordinal);

    public async ValueTask<MerchantId?> FindAsync(string keyHash, MiniPgDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (known.TryGetValue(keyHash, out var remembered) && remembered.ExpiresAt > now)
        {
            return remembered.MerchantId;
        }

        var merchantId = await db.Merchants.AsNoTracking()
            .Where(merchant => merchant.ApiKeyHash == keyHash)
            .Select(merchant => (MerchantId?)merchant.Id)
            .SingleOrDefaultAsync(cancellationToken);
        if (merchantId is { } found)
        {
            known[keyHash] = new KnownKey(found, now + KnownKeyLifetime);
        }
        else
        {
            known.TryRemove(keyHash, out _);
        }

        return merchantId;
    }

    private sealed record KnownKey(MerchantId MerchantId, DateTimeOffset ExpiresAt);
}
