namespace MiniPg.Api.Idempotency;

/// <summary>What Redis said when a request tried to claim its idempotency key.</summary>
public abstract record ClaimOutcome
{
    private ClaimOutcome()
    {
    }

    /// <summary>This request holds the key; <see cref="LockValue"/> proves it when completing or releasing.</summary>
    public sealed record Claimed(string LockValue) : ClaimOutcome;

    /// <summary>Another request holds or held the key.</summary>
    public sealed record Taken(CachedIdempotencyEntry Entry) : ClaimOutcome;

    /// <summary>Redis did not answer: go on without it, PostgreSQL's unique key still guards.</summary>
    public sealed record RedisUnavailable : ClaimOutcome;
}
