using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MiniPg.AppHost.Infrastructure.Postgres;

/// <summary>
/// PostgreSQL as a process of this machine: <c>initdb</c> once per data folder (scram-sha-256 with a generated password
/// kept beside the data), then <c>postgres</c> in the foreground on the port DCP assigns. PostgreSQL refuses to run as
/// root, so as root the folder is handed to the <c>postgres</c> user and both programs run through <c>setpriv</c>, which
/// execs: DCP holds the postmaster's own pid.
/// </summary>
public static class LocalPostgresBuilderExtensions
{
    private const string DebianBinDirectory = "/usr/lib/postgresql/15/bin";
    private static readonly string[] AsPostgresUser = ["--reuid=postgres", "--regid=postgres", "--init-groups", "--"];

    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name)
    {
        var root = Path.Combine(builder.DataDirectory(), name);
        var binDirectory = FindBinDirectory();
        var runAsPostgres = Environment.IsPrivilegedProcess;
        var server = new LocalPostgresResource(
            name,
            runAsPostgres ? "setpriv" : Path.Combine(binDirectory, "postgres"),
            builder.DataDirectory(),
            LocalSecret.ReadOrCreate(Path.Combine(builder.DataDirectory(), $"{name}.password")));

        Prerequisites.Require(builder, new("PostgreSQL 15 not found (no postgres in /usr/lib/postgresql/15/bin or on PATH)", () => File.Exists(Path.Combine(FindBinDirectory(), "postgres")), "postgresql"));
        if (runAsPostgres)
        {
            Prerequisites.Require(builder, new("setpriv not found (PostgreSQL refuses to run as root, so it runs as the postgres user)", () => ExecutableSearch.OnPath("setpriv") is not null, "util-linux"));
        }

        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, cancellationToken => SelectOneAsync(server, "postgres", cancellationToken));
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (@event, cancellationToken) =>
        {
            await CreateDatabasesAsync(server, @event.Services, cancellationToken);
            await PublishDatabaseStateAsync(server, @event.Services, KnownResourceStates.Running);
        });
        builder.Eventing.Subscribe<ResourceStoppedEvent>(server, (@event, _) =>
            PublishDatabaseStateAsync(server, @event.Services, @event.ResourceEvent.Snapshot.State?.Text ?? KnownResourceStates.Exited));

        string[] postgresArguments = [Path.Combine(binDirectory, "postgres"), "-D", Path.Combine(root, "data"), "-k", Path.Combine(root, "run"), "-c", "listen_addresses=127.0.0.1"];
        return builder.AddResource(server)
            .WithEndpoint(name: LocalPostgresResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                foreach (var argument in runAsPostgres ? [.. AsPostgresUser, .. postgresArguments] : postgresArguments[1..])
                {
                    context.Args.Add(argument);
                }

                context.Args.Add("-p");
                context.Args.Add(server.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .OnBeforeResourceStarted((resource, @event, cancellationToken) =>
                PrepareDataFolderAsync(resource, root, runAsPostgres, @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource), cancellationToken))
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(healthCheck);
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(this IResourceBuilder<LocalPostgresResource> server, string name)
    {
        var database = new LocalPostgresDatabaseResource(name, name, server.Resource);
        var healthCheck = $"{name}_check";
        server.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, cancellationToken => SelectOneAsync(database, null, cancellationToken));
        ConnectionStringsFile.WriteWhenReady(server.ApplicationBuilder, database);
        return server.ApplicationBuilder.AddResource(database).WithHealthCheck(healthCheck);
    }

    private static string FindBinDirectory() =>
        File.Exists(Path.Combine(DebianBinDirectory, "postgres"))
            ? DebianBinDirectory
            : Path.GetDirectoryName(ExecutableSearch.OnPath("postgres")) ?? DebianBinDirectory;

    private static async Task PrepareDataFolderAsync(LocalPostgresResource server, string root, bool runAsPostgres, ILogger log, CancellationToken cancellationToken)
    {
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var data = Path.Combine(root, "data");
        var passwordFile = Path.Combine(root, "initdb-password");
        var initialized = File.Exists(Path.Combine(data, "PG_VERSION"));
        if (OperatingSystem.IsWindows())
        {
            throw new DistributedApplicationException("The local PostgreSQL resource needs Linux or macOS; on Windows set MiniPg:Infrastructure=containers.");
        }

        Directory.CreateDirectory(data, ownerOnly);
        Directory.CreateDirectory(Path.Combine(root, "run"));
        if (!initialized)
        {
            await File.WriteAllTextAsync(passwordFile, server.Password, cancellationToken);
        }

        try
        {
            if (runAsPostgres)
            {
                await LocalTool.RunAsync("chown", ["-R", "postgres:postgres", root], root, log, cancellationToken);
                var (canWrite, _, _) = await LocalTool.TryRunAsync("setpriv", [.. AsPostgresUser, "test", "-w", data], root, log, cancellationToken);
                if (canWrite != 0)
                {
                    throw new DistributedApplicationException(
                        $"The postgres user cannot reach '{data}'. Make its parent folders traversable (chmod o+x) or set {LocalInfrastructure.DataDirectoryKey} to a folder under /tmp.");
                }
            }

            if (!initialized)
            {
                string[] initdb = [Path.Combine(FindBinDirectory(), "initdb"), "-D", data, "-U", LocalPostgresResource.UserName, $"--pwfile={passwordFile}", "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8"];
                await (runAsPostgres
                    ? LocalTool.RunAsync("setpriv", [.. AsPostgresUser, .. initdb], root, log, cancellationToken)
                    : LocalTool.RunAsync(initdb[0], initdb[1..], root, log, cancellationToken));
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private static async Task CreateDatabasesAsync(LocalPostgresResource server, IServiceProvider services, CancellationToken cancellationToken)
    {
        var log = services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
        var databases = DatabasesOf(server, services).Select(database => database.DatabaseName);
        await using var connection = new NpgsqlConnection(await server.ConnectionStringExpression.GetValueAsync(cancellationToken) + ";Database=postgres;Pooling=false");
        await connection.OpenAsync(cancellationToken);
        foreach (var database in databases)
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                // CREATE DATABASE takes no parameters: the name is a quoted identifier with embedded quotes doubled.
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
                HostingLog.DatabaseCreated(log, database);
            }
        }
    }

    /// <summary>
    /// Aspire mirrors a container's state onto its child resources, but not an executable's: a database is Running once
    /// the server is ready and it exists, and stops with the server.
    /// </summary>
    private static async Task PublishDatabaseStateAsync(LocalPostgresResource server, IServiceProvider services, string state)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        foreach (var database in DatabasesOf(server, services))
        {
            await notifications.PublishUpdateAsync(database, snapshot => snapshot with
            {
                State = state,
                StartTimeStamp = state == KnownResourceStates.Running ? TimeProvider.System.GetUtcNow().UtcDateTime : snapshot.StartTimeStamp,
            });
        }
    }

    private static IEnumerable<LocalPostgresDatabaseResource> DatabasesOf(LocalPostgresResource server, IServiceProvider services) =>
        services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<LocalPostgresDatabaseResource>().Where(database => database.Parent == server);

    private static async Task<HealthCheckResult> SelectOneAsync(IResourceWithConnectionString resource, string? database, CancellationToken cancellationToken)
    {
        var connectionString = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
        var suffix = database is null ? string.Empty : $";Database={database}";
        await using var connection = new NpgsqlConnection($"{connectionString}{suffix};Pooling=false;Timeout=3");
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(cancellationToken);
        return HealthCheckResult.Healthy();
    }
}
