using Microsoft.EntityFrameworkCore;
using MiniPg.Domain.Webhooks;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Webhooks.Sending;

/// <summary>A claimed delivery and the endpoint it goes to.</summary>
public sealed record ClaimedDelivery(WebhookDelivery Delivery, WebhookEndpoint Endpoint);

public static class DeliveryClaim
{
    /// <summary>
    /// Claims up to <paramref name="free"/> due deliveries of enabled, undeleted endpoints, oldest due first, at most
    /// <paramref name="perEndpoint"/> per endpoint counting the ones <paramref name="running"/> already, and pushes their
    /// <c>next_attempt_at</c> to <paramref name="leaseUntil"/> in the same statement. <c>FOR UPDATE SKIP LOCKED</c> and the
    /// re-checked due time mean two senders never claim one delivery: the second skips it while the first's statement
    /// runs, and finds it no longer due once it has committed.
    /// </summary>
    /// <remarks>
    /// The per-endpoint cap is applied while ranking every due delivery, before the limit: one endpoint with a thousand
    /// due deliveries takes its share and leaves the rest of the slots to the others. The cap holds per sender instance;
    /// its leased deliveries are not due, so another instance may send as many again.
    /// </remarks>
    public static async Task<List<ClaimedDelivery>> ClaimAsync(
        MiniPgDbContext db,
        int free,
        int perEndpoint,
        IReadOnlyDictionary<Guid, int> running,
        DateTimeOffset now,
        DateTimeOffset leaseUntil,
        CancellationToken cancellationToken)
    {
        var busyEndpoints = running.Keys.ToArray();
        var busyCounts = running.Values.ToArray();
        var deliveries = await db.WebhookDeliveries
            .FromSql($"""
                WITH due AS (
                    SELECT d.id, d.next_attempt_at,
                           row_number() OVER (PARTITION BY d.endpoint_id ORDER BY d.next_attempt_at, d.id) + coalesce(busy.running, 0) AS place
                    FROM webhook_deliveries d
                    JOIN webhook_endpoints e ON e.id = d.endpoint_id
                    LEFT JOIN unnest({busyEndpoints}, {busyCounts}) AS busy(endpoint_id, running) ON busy.endpoint_id = d.endpoint_id
                    WHERE d.status = 'PENDING' AND d.next_attempt_at <= {now} AND e.enabled AND e.deleted_at IS NULL
                ),
                chosen AS (
                    SELECT d.id FROM webhook_deliveries d
                    WHERE d.id IN (SELECT due.id FROM due WHERE due.place <= {perEndpoint} ORDER BY due.next_attempt_at LIMIT {free})
                      AND d.status = 'PENDING' AND d.next_attempt_at <= {now}
                    FOR UPDATE SKIP LOCKED
                )
                UPDATE webhook_deliveries d SET next_attempt_at = {leaseUntil}
                FROM chosen WHERE d.id = chosen.id
                RETURNING d.*
                """)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (deliveries.Count == 0)
        {
            return [];
        }

        var endpointIds = deliveries.Select(delivery => delivery.EndpointId).Distinct().ToList();
        var endpoints = await db.WebhookEndpoints.AsNoTracking()
            .Where(endpoint => endpointIds.Contains(endpoint.Id))
            .ToDictionaryAsync(endpoint => endpoint.Id, cancellationToken);
        return [.. deliveries.Select(delivery => new ClaimedDelivery(delivery, endpoints[delivery.EndpointId]))];
    }
}
