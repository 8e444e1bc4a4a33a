namespace MiniPg.AppHost.Infrastructure.Postgres;

/// <summary>
/// A PostgreSQL 15 server run from this machine's binaries, its data in the AppHost's data folder. Shaped like Aspire's
/// <c>PostgresServerResource</c>: a <c>tcp</c> endpoint, a connection string without a database, child databases.
/// </summary>
public sealed class LocalPostgresResource(string name, string command, string workingDirectory, string password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";
    internal const string UserName = "postgres";

    public EndpointReference PrimaryEndpoint => field ??= new(this, EndpointName);

    internal string Password { get; } = password;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.IPV4Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={Password}");
}
