namespace MiniPg.Webhooks.Sending;

/// <summary>
/// "Deliveries may be due now": the fan-out pulses it once it has committed new deliveries, and a finished request
/// pulses it while more were waiting than the sender could take, so the sender claims at once instead of at its next
/// poll. Only a shortcut: a missed pulse is caught up by the poll.
/// </summary>
public sealed class DeliverySignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next pulse. Take it before claiming, so a commit during the claim is not missed.</summary>
    public Task NextPulse => Volatile.Read(ref _next).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
