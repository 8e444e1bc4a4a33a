namespace MiniPg.Api.Idempotency;

/// <summary>
/// What Redis holds for a key: first an in-flight lock (with the claimant's token and when it claimed the key), then the
/// completed response. <see cref="ClaimedAt"/> came later than the rest: a lock written before it reads as null.
/// </summary>
public sealed record CachedIdempotencyEntry(string Fingerprint, string? LockToken, StoredResponse? Response, DateTimeOffset? ClaimedAt = null)
{
    public bool IsCompleted => Response is not null;
}
