using CliWrap;
using CliWrap.Buffered;
using Microsoft.Extensions.Logging;

namespace MiniPg.Hosting;

/// <summary>Fails fast, naming every missing program and how to install it, before anything is started.</summary>
internal static class Prerequisites
{
    private const string DebianPostgresBin = "/usr/lib/postgresql/15/bin";

    /// <summary>
    /// Checks every prerequisite. Missing Debian packages are installed with apt-get when this process is root on a
    /// machine that has it (a fresh CI or developer VM); otherwise the error names the exact command to run.
    /// </summary>
    public static async Task VerifyAsync(IReadOnlyCollection<Resource> resources, HostingSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        var missing = await FindMissingAsync(resources, settings, cancellationToken).ConfigureAwait(false);
        var packages = missing.Select(item => item.DebianPackage).OfType<string>().Distinct().ToList();
        if (packages.Count > 0 && Environment.IsPrivilegedProcess && ExecutableSearch.OnPath("apt-get") is { } aptGet)
        {
            HostingLog.InstallingPackages(logger, string.Join(' ', packages));
            await RunAsync(aptGet, ["update", "-qq"], cancellationToken).ConfigureAwait(false);
            await RunAsync(aptGet, ["install", "-y", "-qq", .. packages], cancellationToken).ConfigureAwait(false);
            missing = await FindMissingAsync(resources, settings, cancellationToken).ConfigureAwait(false);
        }

        if (missing.Count > 0)
        {
            var stillMissing = missing.Select(item => item.DebianPackage).OfType<string>().Distinct().ToList();
            var install = stillMissing.Count > 0 ? $"{Environment.NewLine}Install them with: sudo apt-get install -y {string.Join(' ', stillMissing)}" : string.Empty;
            throw new DistributedApplicationException(
                "Missing prerequisites:" + Environment.NewLine + string.Join(Environment.NewLine, missing.Select(item => "  - " + item.Problem)) + install);
        }
    }

    private static async Task<List<MissingPrerequisite>> FindMissingAsync(IReadOnlyCollection<Resource> resources, HostingSettings settings, CancellationToken cancellationToken)
    {
        var missing = new List<MissingPrerequisite>();
        if (resources.OfType<PostgresServerResource>().Any())
        {
            if (await FindPostgresBinDirectoryAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                missing.Add(new("PostgreSQL 15 not found (no postgres in /usr/lib/postgresql/15/bin or in `pg_config --bindir`)", "postgresql"));
            }

            if (Environment.IsPrivilegedProcess && ExecutableSearch.OnPath("setpriv") is null)
            {
                missing.Add(new("setpriv not found (PostgreSQL refuses to run as root, so it is started as the postgres user)", "util-linux"));
            }
        }

        if (resources.OfType<RedisResource>().Any() && ExecutableSearch.OnPath("redis-server") is null)
        {
            missing.Add(new("Redis not found (no redis-server on PATH)", "redis-server"));
        }

        if (resources.OfType<KafkaServerResource>().Any())
        {
            if (ExecutableSearch.Java() is null)
            {
                missing.Add(new("Java 17+ not found (neither JAVA_HOME/bin/java nor java on PATH)", "openjdk-17-jre-headless"));
            }

            if (settings.KafkaHome is null || !File.Exists(Path.Combine(settings.KafkaHome, "bin", "kafka-server-start.sh")))
            {
                missing.Add(new($"Apache Kafka not found (looked for bin/kafka-server-start.sh in '{settings.KafkaHome ?? "<unset>"}'): set KAFKA_HOME to an Apache Kafka 4.x distribution", null));
            }
        }

        foreach (var project in resources.OfType<ProjectResource>().Where(project => !File.Exists(project.Metadata.AssemblyPath)))
        {
            missing.Add(new($"{project.Name}: '{project.Metadata.AssemblyPath}' does not exist: build the AppHost (dotnet build) first", null));
        }

        if (ExecutableSearch.OnPath("setsid") is null)
        {
            missing.Add(new("setsid not found (children run in their own session)", "util-linux"));
        }

        return missing;
    }

    private static async Task RunAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var result = await Cli.Wrap(program)
            .WithArguments(arguments)
            .WithEnvironmentVariables(env => env.Set("DEBIAN_FRONTEND", "noninteractive"))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken)
            .ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            throw new DistributedApplicationException($"{program} {string.Join(' ', arguments)} failed (exit code {result.ExitCode}):{Environment.NewLine}{result.StandardError}");
        }
    }

    private sealed record MissingPrerequisite(string Problem, string? DebianPackage);

    public static async Task<string?> FindPostgresBinDirectoryAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(DebianPostgresBin, "postgres")))
        {
            return DebianPostgresBin;
        }

        if (ExecutableSearch.OnPath("pg_config") is not { } pgConfig)
        {
            return null;
        }

        var result = await Cli.Wrap(pgConfig)
            .WithArguments("--bindir")
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken)
            .ConfigureAwait(false);
        var binDirectory = result.StandardOutput.Trim();
        return result.IsSuccess && File.Exists(Path.Combine(binDirectory, "postgres")) ? binDirectory : null;
    }
}
