using Microsoft.EntityFrameworkCore;
using MiniPg.Domain.Webhooks;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Webhooks.Fanout;

/// <summary>
/// The business step: a batch of payment events becomes one <see cref="WebhookDelivery"/> per event and endpoint that
/// wants it, all committed in one save. The merchant's endpoints are read once per batch and each payment once per
/// event. A delivery that already exists is skipped (the unique index on (event, endpoint) is the backstop), so a
/// redelivered Kafka record adds nothing.
/// </summary>
public sealed partial class WebhookFanout(MiniPgDbContext db, TimeProvider time, ILogger<WebhookFanout> logger)
{
    /// <summary>Creates the deliveries the events call for and returns them, committed.</summary>
    public async Task<IReadOnlyList<(WebhookDelivery Delivery, PaymentEvent Event)>> FanOutAsync(IReadOnlyList<PaymentEvent> events, CancellationToken cancellationToken)
    {
        // A record redelivered at once can be in the same batch as itself.
        events = [.. events.DistinctBy(paymentEvent => paymentEvent.EventId)];
        var merchantIds = events.Select(paymentEvent => paymentEvent.MerchantId).Distinct().ToList();
        var endpoints = await db.WebhookEndpoints.AsNoTracking()
            .Where(endpoint => merchantIds.Contains(endpoint.MerchantId) && endpoint.Enabled && endpoint.DeletedAt == null)
            .ToListAsync(cancellationToken);
        var wanted = events
            .SelectMany(paymentEvent => endpoints
                .Where(endpoint => endpoint.MerchantId == paymentEvent.MerchantId && endpoint.Wants(paymentEvent.Type))
                .Select(endpoint => (Event: paymentEvent, Endpoint: endpoint)))
            .ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var eventIds = wanted.Select(pair => pair.Event.EventId).Distinct().ToList();
        var existing = (await db.WebhookDeliveries
                .Where(delivery => eventIds.Contains(delivery.EventId))
                .Select(delivery => new { delivery.EventId, delivery.EndpointId })
                .ToListAsync(cancellationToken))
            .Select(delivery => (delivery.EventId, delivery.EndpointId))
            .ToHashSet();
        var missing = wanted.Where(pair => !existing.Contains((pair.Event.EventId, pair.Endpoint.Id))).ToList();
        if (missing.Count == 0)
        {
            return [];
        }

        var paymentIds = missing.Select(pair => pair.Event.PaymentId).Distinct().ToList();
        // A payment's cancels and cancel reservations are few: one query with both is cheaper than three.
        var payments = await db.Payments.AsNoTracking().AsSingleQuery()
            .Where(payment => paymentIds.Contains(payment.Id))
            .ToDictionaryAsync(payment => payment.Id, cancellationToken);
        var now = time.GetUtcNowForStorage();
        var created = new List<(WebhookDelivery Delivery, PaymentEvent Event)>();
        foreach (var forEvent in missing.GroupBy(pair => pair.Event.EventId))
        {
            var paymentEvent = forEvent.First().Event;
            if (!payments.TryGetValue(paymentEvent.PaymentId, out var payment))
            {
                LogPaymentMissing(paymentEvent.Type, paymentEvent.EventId, paymentEvent.PaymentId.ToString());
                continue;
            }

            var payload = WebhookPayload.Of(paymentEvent, payment);
            foreach (var (_, endpoint) in forEvent)
            {
                var delivery = WebhookDelivery.For(Guid.CreateVersion7(now), endpoint, paymentEvent.EventId, paymentEvent.Type, paymentEvent.PaymentId, payload, now);
                db.WebhookDeliveries.Add(delivery);
                created.Add((delivery, paymentEvent));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{EventType} {EventId}: payment {PaymentId} not found; no webhook is sent for it")]
    private partial void LogPaymentMissing(string eventType, Guid eventId, string paymentId);
}
