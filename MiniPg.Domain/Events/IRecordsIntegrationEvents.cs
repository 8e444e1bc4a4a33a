namespace MiniPg.Domain.Events;

/// <summary>
/// An aggregate that records an integration event with each change it makes. Whatever saves the aggregate takes the
/// pending events into the outbox in the same transaction, then clears them.
/// </summary>
public interface IRecordsIntegrationEvents
{
    IReadOnlyList<IIntegrationEvent> PendingEvents { get; }

    void ClearPendingEvents();
}
