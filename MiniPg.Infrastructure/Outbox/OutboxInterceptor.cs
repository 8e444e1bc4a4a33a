using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MiniPg.Domain.Events;

namespace MiniPg.Infrastructure.Outbox;

/// <summary>
/// Writes the events every tracked <see cref="IRecordsIntegrationEvents"/> aggregate recorded as outbox rows in the same
/// <c>SaveChanges</c>, synchronous or not, so state and its events commit or roll back together; clears them once
/// saved. A save that failed and is tried again does not write an event twice: rows already tracked are skipped. Once
/// rows are committed it pulses <see cref="OutboxSignal"/>, so the relay publishes them now rather than on its next tick.
/// </summary>
public sealed class OutboxInterceptor : SaveChangesInterceptor
{
    /// <summary>What a save in progress must do once it has succeeded: clear these aggregates' events, pulse or not.</summary>
    private static readonly ConditionalWeakTable<DbContext, SaveInProgress> Saves = [];

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
        AfterSave(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            Saves.Remove(context);
        }
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    private static void AddOutboxRows(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // One pass over the tracked entries (one DetectChanges) finds both the aggregates and the rows already added.
        var tracked = context.ChangeTracker.Entries().ToList();
        var aggregates = tracked.Select(entry => entry.Entity).OfType<IRecordsIntegrationEvents>().ToList();
        var outbox = tracked.Where(entry => entry.Entity is OutboxMessage).ToList();
        var written = outbox.Select(entry => ((OutboxMessage)entry.Entity).Id).ToHashSet();
        var writesRows = outbox.Any(entry => entry.State == EntityState.Added);
        var traceParent = Activity.Current?.IdFormat == ActivityIdFormat.W3C ? Activity.Current.Id : null;
        foreach (var integrationEvent in aggregates.SelectMany(aggregate => aggregate.PendingEvents).Where(pending => !written.Contains(pending.EventId)))
        {
            context.Add(new OutboxMessage(
                integrationEvent.EventId,
                Topics.For(integrationEvent),
                integrationEvent.PaymentId.ToString(),
                EventSerializer.Serialize(integrationEvent),
                traceParent,
                integrationEvent.OccurredAt));
            writesRows = true;
        }

        Saves.AddOrUpdate(context, new SaveInProgress(aggregates, writesRows));
    }

    private static void AfterSave(DbContext? context)
    {
        if (context is null || !Saves.TryGetValue(context, out var save))
        {
            return;
        }

        Saves.Remove(context);
        save.Aggregates.ForEach(aggregate => aggregate.ClearPendingEvents());

        // Inside an explicit transaction the rows are not committed yet: the relay's next tick finds them.
        if (save.WritesRows && context.Database.CurrentTransaction is null)
        {
            OutboxSignal.Instance.Pulse();
        }
    }

    private sealed record SaveInProgress(List<IRecordsIntegrationEvents> Aggregates, bool WritesRows);
}
