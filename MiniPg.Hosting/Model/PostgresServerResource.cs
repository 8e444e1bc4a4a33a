using System.Globalization;

namespace MiniPg.Hosting;

/// <summary>A PostgreSQL 15 server run from the Debian binaries, with its data under the application's data folder.</summary>
public sealed class PostgresServerResource : Resource, IResourceWithConnectionString
{
    // initdb runs with --auth=trust on loopback, so the password is never checked; clients still get a complete string.
    internal const string UserName = "postgres";
    internal const string Password = "postgres";

    internal PostgresServerResource(string name)
        : base(name)
    {
    }

    public override string TypeName => "Postgres";

    internal int? Port { get; set; }

    internal List<PostgresDatabaseResource> Databases { get; } = [];

    public ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Port is null ? null : ConnectionStringFor(database: null));

    internal string ConnectionStringFor(string? database)
    {
        var connectionString = string.Create(
            CultureInfo.InvariantCulture,
            $"Host=127.0.0.1;Port={Port};Username={UserName};Password={Password}");
        return database is null ? connectionString : $"{connectionString};Database={database}";
    }
}
