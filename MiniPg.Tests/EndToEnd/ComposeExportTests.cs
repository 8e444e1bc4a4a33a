using CliWrap;
using CliWrap.Buffered;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MiniPg.Tests.EndToEnd;

/// <summary>
/// <c>dotnet run --project MiniPg.AppHost -- publish</c>: the AppHost's own model written as a Compose project, with
/// nothing started. The YAML is read back and checked against the model: images, references, waits, ports.
/// </summary>
public sealed class ComposeExportTests : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"minipg-publish-{Guid.NewGuid():N}")).FullName;

    private string Output => Path.Combine(_folder, "deploy");

    private string DataDirectory => Path.Combine(_folder, "data");

    [Fact]
    public async Task Publish_writes_every_resource_with_its_references_and_waits_and_starts_nothing()
    {
        var result = await PublishAsync("publish", "--output-path", Output);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.False(Directory.Exists(DataDirectory), "publishing must not start any resource");
        var services = ReadServices();
        Assert.Equal(
            ["acquirer", "api", "dashboard", "kafka", "migrations", "postgres", "processor", "redis", "settlement"],
            services.Keys.Order(StringComparer.Ordinal));

        var api = services["api"];
        Assert.Equal("5080:8080", Assert.Single(api.Ports));
        Assert.Equal("kafka:9092", api.Environment["ConnectionStrings__kafka"]);
        Assert.Equal("redis:6379", api.Environment["ConnectionStrings__redis"]);
        Assert.Equal("http://acquirer:8080", api.Environment["services__acquirer__http__0"]);
        Assert.Contains("Host=postgres;Port=5432;", api.Environment["ConnectionStrings__minipg"], StringComparison.Ordinal);
        Assert.EndsWith(";Database=minipg", api.Environment["ConnectionStrings__minipg"], StringComparison.Ordinal);
        Assert.Equal(
            new Dictionary<string, string> { ["migrations"] = "service_completed_successfully", ["redis"] = "service_healthy", ["kafka"] = "service_healthy" },
            Conditions(api));
        Assert.Equal("service_started", Conditions(services["processor"])["acquirer"]);

        var migrations = services["migrations"];
        Assert.Equal(api.Image, migrations.Image);
        Assert.Equal(["migrate"], migrations.Command);
        Assert.Equal("no", migrations.Restart);
        Assert.Contains("restart: \"no\"", await File.ReadAllTextAsync(Path.Combine(Output, "compose.yaml"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal("docker.io/library/postgres:15", services["postgres"].Image);

        var databases = await File.ReadAllTextAsync(Path.Combine(Output, "postgres-init", "postgres.sql"), TestContext.Current.CancellationToken);
        Assert.Equal("CREATE DATABASE \"minipg\";\nCREATE DATABASE \"acquirerdb\";\n", databases);
    }

    [Fact]
    public async Task Each_service_image_is_the_one_the_sdk_builds_for_its_project()
    {
        await PublishAsync("publish", "--output-path", Output);
        var services = ReadServices();

        foreach (var (service, project) in new[] { ("api", "MiniPg.Api"), ("processor", "MiniPg.Processor"), ("settlement", "MiniPg.Settlement"), ("acquirer", "MiniPg.Acquirer") })
        {
            var repository = await Cli.Wrap("dotnet")
                .WithArguments(["msbuild", Path.Combine(RepositoryRoot(), project, $"{project}.csproj"), "-getProperty:ContainerRepository"])
                .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
            Assert.Equal($"{repository.StandardOutput.Trim()}:latest", services[service].Image);
        }
    }

    [Fact]
    public async Task The_generated_database_password_is_kept_when_publishing_again()
    {
        await PublishAsync("publish", "--output-path", Output);
        var first = await File.ReadAllTextAsync(Path.Combine(Output, ".env"), TestContext.Current.CancellationToken);
        await PublishAsync("publish", "--output-path", Output);
        var second = await File.ReadAllTextAsync(Path.Combine(Output, ".env"), TestContext.Current.CancellationToken);

        Assert.Matches("^POSTGRES_PASSWORD=[0-9a-f]{32}\n$", first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_malformed_publish_command_prints_the_usage_and_fails()
    {
        var result = await PublishAsync("publish", "--output-path");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Usage: publish [--output-path <folder>]", result.StandardOutput, StringComparison.Ordinal);
        Assert.False(Directory.Exists(DataDirectory));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<BufferedCommandResult> PublishAsync(params string[] args) =>
        Cli.Wrap("dotnet")
            .WithArguments([AppHostProcess.AssemblyPath(), .. args])
            .WithWorkingDirectory(_folder)
            .WithEnvironmentVariables(env => env.Set("MINIPG_DATA_DIR", DataDirectory))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken)
            .Task;

    private Dictionary<string, ComposeService> ReadServices() =>
        new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).IgnoreUnmatchedProperties().Build()
            .Deserialize<ComposeDocument>(File.ReadAllText(Path.Combine(Output, "compose.yaml")))
            .Services;

    private static Dictionary<string, string> Conditions(ComposeService service) =>
        service.DependsOn.ToDictionary(dependency => dependency.Key, dependency => dependency.Value.Condition);

    private static string RepositoryRoot() => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(AppHostProcess.AssemblyPath())!, "..", "..", "..", ".."));

    private sealed class ComposeDocument
    {
        public Dictionary<string, ComposeService> Services { get; set; } = [];
    }

    private sealed class ComposeService
    {
        public string Image { get; set; } = "";

        public List<string> Command { get; set; } = [];

        public Dictionary<string, string> Environment { get; set; } = [];

        public List<string> Ports { get; set; } = [];

        public Dictionary<string, ComposeDependency> DependsOn { get; set; } = [];

        public string Restart { get; set; } = "";
    }

    private sealed class ComposeDependency
    {
        public string Condition { get; set; } = "";
    }
}
