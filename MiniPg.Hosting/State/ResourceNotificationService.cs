namespace MiniPg.Hosting;

/// <summary>Holds the latest <see cref="ResourceSnapshot"/> of every resource and lets callers wait for a state.</summary>
public sealed class ResourceNotificationService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ResourceSnapshot> _snapshots = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Waiter> _waiters = [];

    internal ResourceNotificationService(IEnumerable<Resource> resources)
    {
        foreach (var resource in resources)
        {
            _snapshots[resource.Name] = new ResourceSnapshot(resource.Name, resource.TypeName, ResourceState.NotStarted);
        }
    }

    /// <summary>Raised after every change, outside the internal lock.</summary>
    public event Action<ResourceSnapshot>? StateChanged;

    public IReadOnlyList<ResourceSnapshot> Snapshots
    {
        get
        {
            lock (_gate)
            {
                return [.. _snapshots.Values];
            }
        }
    }

    public ResourceSnapshot GetSnapshot(string resourceName)
    {
        lock (_gate)
        {
            return _snapshots.TryGetValue(resourceName, out var snapshot)
                ? snapshot
                : throw new ArgumentException($"No resource named '{resourceName}'.", nameof(resourceName));
        }
    }

    /// <summary>Completes with the first snapshot of <paramref name="resourceName"/> that satisfies <paramref name="predicate"/>.</summary>
    public async Task<ResourceSnapshot> WaitForResourceAsync(
        string resourceName,
        Func<ResourceSnapshot, bool> predicate,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var waiter = new Waiter(resourceName, predicate);
        lock (_gate)
        {
            var current = GetSnapshot(resourceName);
            if (predicate(current))
            {
                return current;
            }

            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    public Task<ResourceSnapshot> WaitForResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default) =>
        WaitForResourceAsync(resourceName, snapshot => snapshot is { State: ResourceState.Running, IsHealthy: true }, cancellationToken);

    internal ResourceSnapshot Publish(string resourceName, Func<ResourceSnapshot, ResourceSnapshot> change)
    {
        ResourceSnapshot updated;
        lock (_gate)
        {
            updated = change(GetSnapshot(resourceName));
            _snapshots[resourceName] = updated;
            foreach (var waiter in _waiters.Where(waiter => waiter.Matches(updated)))
            {
                waiter.Completion.TrySetResult(updated);
            }
        }

        StateChanged?.Invoke(updated);
        return updated;
    }

    private sealed class Waiter(string resourceName, Func<ResourceSnapshot, bool> predicate)
    {
        public TaskCompletionSource<ResourceSnapshot> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Matches(ResourceSnapshot snapshot) =>
            string.Equals(snapshot.Name, resourceName, StringComparison.OrdinalIgnoreCase) && predicate(snapshot);
    }
}
