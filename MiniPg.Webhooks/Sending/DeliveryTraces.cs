using System.Collections.Concurrent;

namespace MiniPg.Webhooks.Sending;

/// <summary>
/// The W3C <c>traceparent</c> of the event each new delivery came from, so its attempts join the payment's trace
/// (ADR 20). Kept in memory only (a delivery row has no column for it), so a retry after a restart, or one claimed by
/// another instance, starts a trace of its own. Bounded: when full it starts over, which costs the deliveries still
/// waiting their link to the payment's trace and nothing else.
/// </summary>
public sealed class DeliveryTraces
{
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<Guid, string> _parents = new();

    public void Remember(Guid deliveryId, string traceParent)
    {
        if (_parents.Count >= Capacity)
        {
            _parents.Clear();
        }

        _parents[deliveryId] = traceParent;
    }

    public string? ParentOf(Guid deliveryId) => _parents.GetValueOrDefault(deliveryId);

    public void Forget(Guid deliveryId) => _parents.TryRemove(deliveryId, out _);
}
