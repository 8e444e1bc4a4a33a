using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MiniPg.Domain.Events;

namespace MiniPg.Infrastructure.Outbox;

/// <summary>
/// Writes the events every tracked <see cref="IRecordsIntegrationEvents"/> aggregate recorded as outbox rows in the same
/// <c>SaveChanges</c>, synchronous or not, so state and its events commit or roll back together; clears them once
/// saved. A save that failed and is tried again does not write an event twice: rows already tracked are skipped.
/// </summary>
public sealed class OutboxInterceptor : SaveChangesInterceptor
{
    public static OutboxInterceptor Instance { get; } = new();

    private OutboxInterceptor()
    {
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddOutboxRows(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddOutboxRows(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ClearPendingEvents(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ClearPendingEvents(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void AddOutboxRows(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var written = context.ChangeTracker.Entries<OutboxMessage>().Select(entry => entry.Entity.Id).ToHashSet();
        var traceParent = Activity.Current?.IdFormat == ActivityIdFormat.W3C ? Activity.Current.Id : null;
        foreach (var integrationEvent in Aggregates(context).SelectMany(aggregate => aggregate.PendingEvents).Where(pending => !written.Contains(pending.EventId)))
        {
            context.Add(new OutboxMessage(
                integrationEvent.EventId,
                Topics.For(integrationEvent),
                integrationEvent.PaymentId.ToString(),
                EventSerializer.Serialize(integrationEvent),
                traceParent,
                integrationEvent.OccurredAt));
        }
    }

    private static void ClearPendingEvents(DbContext? context)
    {
        if (context is not null)
        {
            Aggregates(context).ForEach(aggregate => aggregate.ClearPendingEvents());
        }
    }

    private static List<IRecordsIntegrationEvents> Aggregates(DbContext context) =>
        context.ChangeTracker.Entries<IRecordsIntegrationEvents>().Select(entry => entry.Entity).ToList();
}
