namespace MiniPg.Hosting;

/// <summary>Brings one resource of the model to life and back down; the model classes only describe.</summary>
internal abstract class ResourceRunner(Resource resource, RunnerContext context) : IDisposable
{
    public Resource Resource { get; } = resource;

    /// <summary>Shown in the status table: a URL for projects, <c>host:port</c> for servers.</summary>
    public virtual string? Endpoint => null;

    public virtual IEnumerable<(int ProcessId, int StopSignal)> LiveProcesses => [];

    protected RunnerContext Context { get; } = context;

    /// <summary>Chooses ports once for the life of the application, so a restart comes back on the same port.</summary>
    public virtual void AllocatePorts()
    {
    }

    /// <summary>Starts the resource and completes when it is healthy (or, for a one-shot job, has finished); throws otherwise.</summary>
    public abstract Task StartAsync(CancellationToken cancellationToken);

    public abstract Task StopAsync();

    public virtual void Dispose()
    {
    }

    protected ResourceSnapshot Publish(Func<ResourceSnapshot, ResourceSnapshot> change) =>
        Context.Notifications.Publish(Resource.Name, change);
}
