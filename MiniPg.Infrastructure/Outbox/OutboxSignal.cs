namespace MiniPg.Infrastructure.Outbox;

/// <summary>
/// "An outbox row was just committed in this process." The <see cref="OutboxInterceptor"/> pulses it after a save that
/// wrote rows, and every <see cref="OutboxRelay"/> of the process wakes at once instead of waiting out its idle delay.
/// Only a shortcut: a relay that misses a pulse (a row written by another process, or inside an explicit transaction)
/// still finds the row on its next tick.
/// </summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OutboxSignal()
    {
    }

    public static OutboxSignal Instance { get; } = new();

    /// <summary>Completes at the next pulse. Take it before looking for rows, so a commit during the look is not missed.</summary>
    public Task NextPulse => Volatile.Read(ref _next).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
