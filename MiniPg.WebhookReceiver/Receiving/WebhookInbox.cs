using System.Collections.Concurrent;
using System.Text.Json;
using MiniPg.Domain.Webhooks;

namespace MiniPg.WebhookReceiver.Receiving;

public enum InboxOutcome
{
    /// <summary>Signed with a known secret and seen for the first time.</summary>
    Accepted,

    /// <summary>Signed with a known secret, and an event already received: a retry or a redelivery, acknowledged and dropped.</summary>
    Duplicate,

    /// <summary>No known secret verifies the signature over this body and time.</summary>
    BadSignature,

    /// <summary>Signed, but not a MiniPg event.</summary>
    Unreadable,
}

/// <summary>One event as this receiver saw it, once however many times it was sent.</summary>
public sealed record ReceivedEvent(Guid Id, string Type, Guid? PaymentId, string? Status, long? Amount, string? Currency, DateTimeOffset FirstReceivedAt, int Received);

/// <summary>
/// What a merchant's webhook handler does, in the fewest lines that are still right: verify the signature over the raw
/// body with <see cref="WebhookSignature.Verify"/> before reading anything, then de-duplicate on the event id (delivery
/// is at least once), and keep one copy of each event. The id is read from the signed body; it is the
/// <c>MiniPg-Event-Id</c> header's value, which the signature does not cover.
/// </summary>
public sealed partial class WebhookInbox(KnownSecrets secrets, TimeProvider time, ILogger<WebhookInbox> logger)
{
    private readonly ConcurrentDictionary<Guid, ReceivedEvent> _events = new();

    public IReadOnlyList<ReceivedEvent> Events => [.. _events.Values.OrderByDescending(received => received.FirstReceivedAt)];

    public InboxOutcome Receive(byte[] body, string? signature)
    {
        var now = time.GetUtcNow();
        if (!secrets.All.Any(secret => WebhookSignature.Verify(signature, secret, body, now, WebhookSignature.DefaultTolerance)))
        {
            LogBadSignature(secrets.All.Count);
            return InboxOutcome.BadSignature;
        }

        ReceivedEvent received;
        try
        {
            received = Read(body, now);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            LogUnreadable(exception.Message);
            return InboxOutcome.Unreadable;
        }

        var kept = _events.AddOrUpdate(received.Id, received, (_, earlier) => earlier with { Received = earlier.Received + 1 });
        if (kept.Received > 1)
        {
            LogDuplicate(received.Id);
            return InboxOutcome.Duplicate;
        }

        LogAccepted(received.Type, received.PaymentId, received.Status, received.Amount, received.Currency, received.Id);
        return InboxOutcome.Accepted;
    }

    private static ReceivedEvent Read(byte[] body, DateTimeOffset now)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var payment = root.TryGetProperty("data", out var data) && data.TryGetProperty("payment", out var resource) ? resource : (JsonElement?)null;
        return new ReceivedEvent(
            root.GetProperty("id").GetGuid(),
            root.GetProperty("type").GetString() ?? throw new FormatException("The event has no type."),
            payment?.GetProperty("id").GetGuid(),
            payment?.GetProperty("status").GetString(),
            payment?.GetProperty("amount").GetInt64(),
            payment?.GetProperty("currency").GetString(),
            now,
            Received: 1);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{EventType} {PaymentId} {Status} {Amount:N0} {Currency}: signature valid (event {EventId})")]
    private partial void LogAccepted(string eventType, Guid? paymentId, string? status, long? amount, string? currency, Guid eventId);

    [LoggerMessage(Level = LogLevel.Information, Message = "duplicate event {EventId} ignored")]
    private partial void LogDuplicate(Guid eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "signature invalid: no known secret ({Secrets} known) verifies it; answered 401")]
    private partial void LogBadSignature(int secrets);

    [LoggerMessage(Level = LogLevel.Warning, Message = "signed, but not a MiniPg event: {Reason}")]
    private partial void LogUnreadable(string reason);
}
