namespace MiniPg.Infrastructure.Outbox;

/// <summary>
/// An event waiting to be published to Kafka. It is written in the same transaction as the state change it
/// announces, so a crash can neither lose the event nor publish one for a change that rolled back.
/// </summary>
public sealed class OutboxMessage
{
    public OutboxMessage(Guid id, string topic, string messageKey, string payload, string? traceParent, DateTimeOffset createdAt)
    {
        Id = id;
        Topic = topic;
        MessageKey = messageKey;
        Payload = payload;
        TraceParent = traceParent;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string Topic { get; private set; }

    public string MessageKey { get; private set; }

    public string Payload { get; private set; }

    /// <summary>The W3C <c>traceparent</c> of the request that wrote the row, so one trace spans API → relay → consumer.</summary>
    public string? TraceParent { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>When a failed publish may be tried again; null for a row never tried.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    public void MarkPublished(DateTimeOffset at)
    {
        PublishedAt = at;
        Attempts++;
        LastError = null;
    }

    /// <summary>Keeps the row for another try after an exponential back-off (1 s, 2 s, 4 s … at most a minute).</summary>
    public void MarkFailed(string error, DateTimeOffset at)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        NextAttemptAt = at + TimeSpan.FromSeconds(Math.Min(60, 1 << Math.Min(Attempts - 1, 6)));
    }
}
