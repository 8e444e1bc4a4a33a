namespace MiniPg.Hosting;

/// <summary>A database on a <see cref="PostgresServerResource"/>, created once the server is healthy if it does not exist.</summary>
public sealed class PostgresDatabaseResource : Resource, IResourceWithConnectionString
{
    internal PostgresDatabaseResource(string name, PostgresServerResource parent)
        : base(name)
    {
        Parent = parent;
        Waits.Add(new ResourceWait(parent, WaitBehavior.Healthy));
    }

    public PostgresServerResource Parent { get; }

    public string DatabaseName => Name;

    public override string TypeName => "PostgresDatabase";

    public ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Parent.Port is null ? null : Parent.ConnectionStringFor(DatabaseName));
}
