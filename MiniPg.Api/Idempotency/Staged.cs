using Microsoft.AspNetCore.Http.HttpResults;

namespace MiniPg.Api.Idempotency;

/// <summary>What an idempotent handler staged: a response to commit with its changes, or a rejection that changes nothing.</summary>
public abstract record Staged
{
    private Staged()
    {
    }

    public sealed record Commit(StoredResponse Response) : Staged;

    /// <summary>A business rejection: returned as is, nothing saved, and the key stays free for a corrected retry.</summary>
    public sealed record Reject(ProblemHttpResult Problem) : Staged;
}
