using System.Text.Json;
using System.Text.Json.Serialization;
using MiniPg.Domain.Payments;

namespace MiniPg.Api.Payments;

/// <summary>
/// <c>GET /api/v1/payments/{id}/timeline</c>: everything that happened to one payment, oldest first, read from what the
/// system records anyway (the payment row, its activities, settlement, webhook deliveries). Each entry has a
/// <c>type</c>, the instant it happened (<c>at</c>), one sentence for people (<c>title</c>) and the fields of its type,
/// always all of them (null where a value does not apply), so every entry of a type has one shape.
/// </summary>
public sealed record PaymentTimeline(Guid PaymentId, string Status, IReadOnlyList<TimelineEntry> Entries);

/// <summary>The entry types of a timeline, as its <c>type</c> field spells them.</summary>
public static class TimelineEntryTypes
{
    public const string Requested = "requested";
    public const string Approved = "approved";
    public const string Failed = "failed";
    public const string CancellationReserved = "cancellation.reserved";
    public const string CancellationCompleted = "cancellation.completed";
    public const string Settled = "settled";
    public const string Settlement = "settlement";
    public const string WebhookDelivery = "webhook.delivery";
    public const string WebhookAttempt = "webhook.attempt";

    /// <summary>An activity of a kind this version does not know yet, shown as recorded.</summary>
    public const string Activity = "activity";
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RequestedEntry), TimelineEntryTypes.Requested)]
[JsonDerivedType(typeof(ApprovedEntry), TimelineEntryTypes.Approved)]
[JsonDerivedType(typeof(FailedEntry), TimelineEntryTypes.Failed)]
[JsonDerivedType(typeof(CancellationReservedEntry), TimelineEntryTypes.CancellationReserved)]
[JsonDerivedType(typeof(CancellationCompletedEntry), TimelineEntryTypes.CancellationCompleted)]
[JsonDerivedType(typeof(SettledEntry), TimelineEntryTypes.Settled)]
[JsonDerivedType(typeof(AcquirerApproveEntry), PaymentActivityKinds.AcquirerApprove)]
[JsonDerivedType(typeof(AcquirerInquireEntry), PaymentActivityKinds.AcquirerInquire)]
[JsonDerivedType(typeof(AcquirerVoidEntry), PaymentActivityKinds.AcquirerVoid)]
[JsonDerivedType(typeof(AcquirerCancelEntry), PaymentActivityKinds.AcquirerCancel)]
[JsonDerivedType(typeof(RetryScheduledEntry), PaymentActivityKinds.RetryScheduled)]
[JsonDerivedType(typeof(DeadLetteredEntry), PaymentActivityKinds.DeadLettered)]
[JsonDerivedType(typeof(ReplayedEntry), PaymentActivityKinds.Replayed)]
[JsonDerivedType(typeof(StuckResolvedEntry), PaymentActivityKinds.StuckResolved)]
[JsonDerivedType(typeof(SettlementEntry), TimelineEntryTypes.Settlement)]
[JsonDerivedType(typeof(WebhookDeliveryEntry), TimelineEntryTypes.WebhookDelivery)]
[JsonDerivedType(typeof(WebhookAttemptEntry), TimelineEntryTypes.WebhookAttempt)]
[JsonDerivedType(typeof(ActivityEntry), TimelineEntryTypes.Activity)]
public abstract record TimelineEntry([property: JsonPropertyOrder(-2)] DateTimeOffset At, [property: JsonPropertyOrder(-1)] string Title);

/// <summary>The merchant asked for the payment (<c>POST /api/v1/payments</c>).</summary>
public sealed record RequestedEntry(DateTimeOffset At, string Title, string OrderId, long Amount, string Currency) : TimelineEntry(At, Title);

/// <summary>The acquirer approved the payment; <c>at</c> is the acquirer's approval time.</summary>
public sealed record ApprovedEntry(DateTimeOffset At, string Title, string AcquirerTransactionId) : TimelineEntry(At, Title);

public sealed record FailedEntry(DateTimeOffset At, string Title, string Code, string Message) : TimelineEntry(At, Title);

/// <summary>A cancel held against the payment while the acquirer has not confirmed it yet.</summary>
public sealed record CancellationReservedEntry(DateTimeOffset At, string Title, Guid CancellationId, long Amount, string Reason) : TimelineEntry(At, Title);

/// <summary>A cancel the acquirer made; <c>at</c> is the acquirer's cancel time.</summary>
public sealed record CancellationCompletedEntry(DateTimeOffset At, string Title, Guid CancellationId, long Amount, string Reason, long RemainingAmount)
    : TimelineEntry(At, Title);

public sealed record SettledEntry(DateTimeOffset At, string Title) : TimelineEntry(At, Title);

/// <summary>
/// One call to the acquirer, from its start: what came of it (<c>APPROVED</c>, <c>DECLINED</c>, <c>NOT_CHARGED</c>,
/// <c>NOT_FOUND</c>, <c>UNKNOWN</c>; a cancel <c>CANCELLED</c>, <c>REFUSED</c>, <c>UNKNOWN</c>), a short detail, how long it
/// took, and the Processor's attempt it was part of (null outside the Processor's attempts).
/// </summary>
public abstract record AcquirerCallEntry(DateTimeOffset At, string Title, string Outcome, string? Detail, int LatencyMs, int? Attempt) : TimelineEntry(At, Title);

public sealed record AcquirerApproveEntry(DateTimeOffset At, string Title, string Outcome, string? Detail, int LatencyMs, int? Attempt)
    : AcquirerCallEntry(At, Title, Outcome, Detail, LatencyMs, Attempt);

public sealed record AcquirerInquireEntry(DateTimeOffset At, string Title, string Outcome, string? Detail, int LatencyMs, int? Attempt)
    : AcquirerCallEntry(At, Title, Outcome, Detail, LatencyMs, Attempt);

public sealed record AcquirerVoidEntry(DateTimeOffset At, string Title, string Outcome, string? Detail, int LatencyMs, int? Attempt)
    : AcquirerCallEntry(At, Title, Outcome, Detail, LatencyMs, Attempt);

public sealed record AcquirerCancelEntry(DateTimeOffset At, string Title, string Outcome, string? Detail, int LatencyMs, int? Attempt)
    : AcquirerCallEntry(At, Title, Outcome, Detail, LatencyMs, Attempt);

/// <summary>The Processor will try again: <c>attempt</c> is the attempt scheduled, due at <c>dueAt</c>.</summary>
public sealed record RetryScheduledEntry(DateTimeOffset At, string Title, int? Attempt, DateTimeOffset? DueAt, string? Reason) : TimelineEntry(At, Title);

/// <summary>The Processor set the request aside (its dead-letter topic) after <c>attempt</c>.</summary>
public sealed record DeadLetteredEntry(DateTimeOffset At, string Title, int? Attempt, string? Reason) : TimelineEntry(At, Title);

/// <summary>An operator sent the set-aside request back to be processed again.</summary>
public sealed record ReplayedEntry(DateTimeOffset At, string Title, string? Detail) : TimelineEntry(At, Title);

/// <summary>The stuck-payment janitor settled a payment left <c>REQUESTED</c>; <c>outcome</c> is the status it reached.</summary>
public sealed record StuckResolvedEntry(DateTimeOffset At, string Title, string? Outcome, string? Detail) : TimelineEntry(At, Title);

/// <summary>
/// The payment's approval (<c>kind</c> <c>APPROVAL</c>) or one of its cancels (<c>CANCELLATION</c>, negative amounts) in
/// a settlement: the business date and its run's status, the payout date of the merchant's line, and the item's fee
/// (supply fee plus VAT), VAT and net. <c>at</c> is when the settlement took it: the payment's settled time for its
/// approval; otherwise the run's completion (or start, while it runs), never before the item itself happened.
/// </summary>
public sealed record SettlementEntry(
    DateTimeOffset At,
    string Title,
    string Kind,
    Guid? CancellationId,
    DateOnly BusinessDate,
    string RunStatus,
    DateOnly PayoutDate,
    long Amount,
    long Fee,
    long Vat,
    long Net) : TimelineEntry(At, Title);

/// <summary>A webhook event queued for one of the merchant's endpoints, and where its delivery stands now.</summary>
public sealed record WebhookDeliveryEntry(
    DateTimeOffset At,
    string Title,
    Guid DeliveryId,
    Guid EndpointId,
    Guid EventId,
    string EventType,
    string Status,
    int AttemptCount,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt) : TimelineEntry(At, Title);

/// <summary>One HTTP request of a webhook delivery: the endpoint's status code, or the error when none came.</summary>
public sealed record WebhookAttemptEntry(
    DateTimeOffset At,
    string Title,
    Guid DeliveryId,
    Guid EndpointId,
    string EventType,
    int Number,
    int? StatusCode,
    string? Error,
    int LatencyMs,
    bool Succeeded) : TimelineEntry(At, Title);

/// <summary>An activity of a kind this version does not describe, with everything it recorded.</summary>
public sealed record ActivityEntry(DateTimeOffset At, string Title, string Kind, string? Outcome, string? Detail, int? DurationMs, int? Attempt)
    : TimelineEntry(At, Title);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PaymentTimeline))]
public sealed partial class PaymentTimelineJson : JsonSerializerContext;
