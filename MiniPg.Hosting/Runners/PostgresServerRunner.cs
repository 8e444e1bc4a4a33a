using System.Globalization;
using Npgsql;

namespace MiniPg.Hosting;

/// <summary>
/// PostgreSQL 15 in the foreground: initdb once, then <c>postgres -D</c>. PostgreSQL refuses to run as root, so when the
/// AppHost is root its folder is handed to the postgres user and both programs run through <c>setpriv</c> (which execs,
/// so the pid we hold is the postmaster's).
/// </summary>
internal sealed class PostgresServerRunner(PostgresServerResource server, RunnerContext context) : ProcessRunner(server, context)
{
    private static readonly string[] AsPostgresUser = ["--reuid=postgres", "--regid=postgres", "--init-groups", "--"];

    private string RootDirectory => Path.Combine(Context.Settings.DataDirectory, "postgres");

    private string DataDirectory => Path.Combine(RootDirectory, "data");

    private string SocketDirectory => Path.Combine(RootDirectory, "run");

    public override string? Endpoint => server.Port is { } port ? string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}") : null;

    /// <summary>SIGINT is PostgreSQL's "fast" shutdown; SIGTERM ("smart") would wait for every client, test pools included, to disconnect.</summary>
    protected override int StopSignal => NativeMethods.SigInt;

    public override void AllocatePorts() => server.Port ??= FreePort.Pick();

    protected override async Task<ProcessSpec> PrepareAsync(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The local PostgreSQL resource needs Linux.");
        }

        var binDirectory = await Prerequisites.FindPostgresBinDirectoryAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new DistributedApplicationException("PostgreSQL 15 not found: sudo apt-get install -y postgresql");
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(DataDirectory, ownerOnly);
        File.SetUnixFileMode(DataDirectory, ownerOnly);
        Directory.CreateDirectory(SocketDirectory);
        if (Environment.IsPrivilegedProcess)
        {
            await HandToPostgresUserAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await Tool.RunCheckedAsync(
                Resource.Name,
                Command(Path.Combine(binDirectory, "initdb"), "-D", DataDirectory, "-U", PostgresServerResource.UserName, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"),
                Log,
                cancellationToken).ConfigureAwait(false);
        }

        return Command(
            Path.Combine(binDirectory, "postgres"),
            "-D", DataDirectory,
            "-p", server.Port!.Value.ToString(CultureInfo.InvariantCulture),
            "-k", SocketDirectory,
            "-c", "listen_addresses=127.0.0.1");
    }

    protected override async Task ProbeHealthAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(server.ConnectionStringFor("postgres") + ";Pooling=false;Timeout=3");
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = new NpgsqlCommand("SELECT 1", connection);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task HandToPostgresUserAsync(CancellationToken cancellationToken)
    {
        await Tool.RunCheckedAsync(Resource.Name, new ProcessSpec("chown", ["-R", "postgres:postgres", RootDirectory], RootDirectory, new Dictionary<string, string?>()), Log, cancellationToken)
            .ConfigureAwait(false);
        var (exitCode, _) = await Tool.RunAsync(Command("test", "-w", DataDirectory), Log, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new DistributedApplicationException(
                $"{Resource.Name}: the postgres user cannot reach '{DataDirectory}'. Make its parent folders traversable (chmod o+x) or set MINIPG_DATA_DIR to a folder under /tmp.");
        }
    }

    /// <summary>The command as the postgres user when we are root, else as ourselves.</summary>
    private ProcessSpec Command(string fileName, params string[] arguments) =>
        Environment.IsPrivilegedProcess
            ? new ProcessSpec("setpriv", [.. AsPostgresUser, fileName, .. arguments], RootDirectory, new Dictionary<string, string?>())
            : new ProcessSpec(fileName, arguments, RootDirectory, new Dictionary<string, string?>());
}
