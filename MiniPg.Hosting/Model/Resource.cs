namespace MiniPg.Hosting;

/// <summary>The base of every resource in the model. The running state lives in the application, not here.</summary>
public abstract class Resource : IResource, IResourceWithWaitSupport
{
    private protected Resource(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    public string Name { get; }

    /// <summary>The kind shown in the status table ("Project", "Redis", ...).</summary>
    public abstract string TypeName { get; }

    internal List<ResourceWait> Waits { get; } = [];

    /// <summary>Resources that must stop after this one: what it waits for and what it references.</summary>
    internal virtual IEnumerable<Resource> Dependencies => Waits.Select(wait => wait.Dependency);

    public override string ToString() => Name;
}
