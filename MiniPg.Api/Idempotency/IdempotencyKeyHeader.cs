namespace MiniPg.Api.Idempotency;

/// <summary>The rules for the <c>Idempotency-Key</c> header: 1–255 printable ASCII characters.</summary>
public static class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    public const int MaxLength = 255;

    public static string? Problem(string? key) => key switch
    {
        null or "" => $"The {Name} header is required: send a unique value (a UUID is ideal) and reuse it when you retry.",
        { Length: > MaxLength } => $"The {Name} header must be at most {MaxLength} characters.",
        _ when !key.All(c => c is >= ' ' and <= '~') => $"The {Name} header must be printable ASCII.",
        _ => null,
    };
}
