namespace MiniPg.Domain.Payments;

/// <summary>
/// Something that happened to a payment besides its own state changes, recorded as it happens so the payment's
/// timeline reads from rows, not logs: each acquirer call with its outcome and latency, each retry scheduled, a
/// dead-lettering and its replay, a stuck payment resolved. Append-only.
/// </summary>
public sealed class PaymentActivity
{
    public const int MaxDetailLength = 500;

    private PaymentActivity(PaymentId paymentId, string kind, DateTimeOffset occurredAt, string? outcome, string? detail, int? durationMs, int? attempt)
    {
        PaymentId = paymentId;
        Kind = kind;
        OccurredAt = occurredAt;
        Outcome = outcome;
        Detail = detail is { Length: > MaxDetailLength } ? detail[..MaxDetailLength] : detail;
        DurationMs = durationMs;
        Attempt = attempt;
    }

    public long Id { get; private set; }

    public PaymentId PaymentId { get; private set; }

    /// <summary>One of <see cref="PaymentActivityKinds"/>.</summary>
    public string Kind { get; private set; }

    /// <summary>When it started (an acquirer call) or happened.</summary>
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>What came of it, e.g. <c>APPROVED</c>, <c>DECLINED</c>, <c>UNKNOWN</c>.</summary>
    public string? Outcome { get; private set; }

    public string? Detail { get; private set; }

    /// <summary>How long an acquirer call took, or how long a scheduled retry waits before it is due.</summary>
    public int? DurationMs { get; private set; }

    /// <summary>The Processor's attempt number for the payment, where it applies.</summary>
    public int? Attempt { get; private set; }

    /// <summary>When a <see cref="PaymentActivityKinds.RetryScheduled"/> retry is due; null for every other kind.</summary>
    public DateTimeOffset? DueAt => Kind == PaymentActivityKinds.RetryScheduled && DurationMs is { } wait ? OccurredAt.AddMilliseconds(wait) : null;

    public static PaymentActivity AcquirerCall(PaymentId paymentId, string kind, DateTimeOffset startedAt, TimeSpan duration, string outcome, string? detail, int? attempt = null) =>
        new(paymentId, kind, startedAt, outcome, detail, Milliseconds(duration), attempt);

    /// <summary>Processing attempt <paramref name="attempt"/> is scheduled for <paramref name="dueAt"/>; its wait is kept as the duration.</summary>
    public static PaymentActivity RetryScheduled(PaymentId paymentId, DateTimeOffset at, int attempt, DateTimeOffset dueAt, string reason) =>
        new(paymentId, PaymentActivityKinds.RetryScheduled, at, null, reason, Milliseconds(dueAt - at), attempt);

    public static PaymentActivity Happened(PaymentId paymentId, string kind, DateTimeOffset at, string? outcome, string? detail, int? attempt = null) =>
        new(paymentId, kind, at, outcome, detail, null, attempt);

    private static int Milliseconds(TimeSpan duration) => (int)Math.Clamp(duration.TotalMilliseconds, 0, int.MaxValue);
}

/// <summary>The kinds of <see cref="PaymentActivity"/>, as stored and shown in the timeline.</summary>
public static class PaymentActivityKinds
{
    public const string AcquirerApprove = "acquirer.approve";
    public const string AcquirerInquire = "acquirer.inquire";
    public const string AcquirerVoid = "acquirer.void";
    public const string AcquirerCancel = "acquirer.cancel";
    public const string RetryScheduled = "processing.retry_scheduled";
    public const string DeadLettered = "processing.dead_lettered";
    public const string Replayed = "processing.replayed";
    public const string StuckResolved = "processing.stuck_resolved";
}
