namespace MiniPg.Api.Idempotency;

/// <summary>
/// What Redis holds for a key: first an in-flight lock (with the claimant's token), then the completed response.
/// </summary>
public sealed record CachedIdempotencyEntry(string Fingerprint, string? LockToken, StoredResponse? Response)
{
    public bool IsCompleted => Response is not null;
}
