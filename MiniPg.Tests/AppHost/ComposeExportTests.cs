using CliWrap;
using CliWrap.Buffered;
using MiniPg.Testing;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MiniPg.Tests.AppHost;

/// <summary>
/// Publishing: the AppHost's model written as Aspire's manifest and as a Compose project, with nothing started. The YAML
/// is read back and checked against the model: images, references, waits, ports, secrets.
/// </summary>
public sealed class ComposeExportTests : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"minipg-publish-{Guid.NewGuid():N}")).FullName;

    private string Output => Path.Combine(_folder, "deploy");

    private string DataDirectory => Path.Combine(_folder, "data");

    [Fact]
    public async Task Publishing_to_compose_writes_every_resource_with_its_references_and_waits_and_starts_nothing()
    {
        var result = await PublishComposeAsync();

        Assert.True(File.Exists(Path.Combine(Output, "aspire-manifest.json")), result.StandardOutput + result.StandardError);
        Assert.False(Directory.Exists(DataDirectory), "publishing must not start any resource");
        var services = ReadServices();
        Assert.Equal(
            ["acquirer", "api", "dashboard", "kafka", "migrations", "postgres", "processor", "redis", "settlement", "webhooks"],
            services.Keys.Order(StringComparer.Ordinal));

        var api = services["api"];
        Assert.Equal("5080:8080", Assert.Single(api.Ports));
        Assert.Equal("kafka:9092", api.Environment["ConnectionStrings__kafka"]);
        Assert.Equal("redis:6379,password=${REDIS_PASSWORD}", api.Environment["ConnectionStrings__redis"]);
        Assert.Equal("http://acquirer:8080", api.Environment["services__acquirer__http__0"]);
        Assert.Equal("Host=postgres;Port=5432;Username=postgres;Password=${POSTGRES_PASSWORD};Database=minipg", api.Environment["ConnectionStrings__minipg"]);
        Assert.Equal("${CARD_VAULT_KEY}", api.Environment["CardVault__Key"]);
        Assert.Equal("http://dashboard:18889", api.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal(
            new Dictionary<string, string> { ["migrations"] = "service_completed_successfully", ["redis"] = "service_healthy", ["kafka"] = "service_healthy" },
            Conditions(api));
        Assert.Equal("service_started", Conditions(services["processor"])["acquirer"]);
        Assert.Equal("service_healthy", Conditions(services["acquirer"])["postgres"]);
        Assert.Equal("${OPERATOR_KEY}", services["settlement"].Environment["Operator__Key"]);
        Assert.All(["acquirer", "api", "processor", "settlement"], service => Assert.Equal("${ACQUIRER_KEY}", services[service].Environment["Acquirer__Key"]));
        Assert.Equal("PLAINTEXT://kafka:9092", services["kafka"].Environment["KAFKA_ADVERTISED_LISTENERS"]);
        Assert.Equal("5083:8080", Assert.Single(services["webhooks"].Ports));
        Assert.Equal(
            new Dictionary<string, string> { ["migrations"] = "service_completed_successfully", ["kafka"] = "service_healthy" },
            Conditions(services["webhooks"]));

        var migrations = services["migrations"];
        Assert.Equal(api.Image, migrations.Image);
        Assert.Equal(["migrate"], migrations.Command);
        Assert.Equal("no", migrations.Restart);
        Assert.Contains("restart: \"no\"", await File.ReadAllTextAsync(Path.Combine(Output, "compose.yaml"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal("docker.io/library/postgres:15", services["postgres"].Image);
        Assert.Equal("docker.io/library/redis:7", services["redis"].Image);
        Assert.Equal("docker.io/apache/kafka:4.3.1", services["kafka"].Image);
    }

    [Fact]
    public async Task Every_long_running_service_restarts_unless_stopped_and_the_migrations_run_once()
    {
        await PublishComposeAsync();
        var services = ReadServices();

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["acquirer"] = "unless-stopped", ["api"] = "unless-stopped", ["dashboard"] = "unless-stopped", ["kafka"] = "unless-stopped",
                ["migrations"] = "no", ["postgres"] = "unless-stopped", ["processor"] = "unless-stopped", ["redis"] = "unless-stopped",
                ["settlement"] = "unless-stopped", ["webhooks"] = "unless-stopped",
            },
            services.ToDictionary(service => service.Key, service => service.Value.Restart));
    }

    [Fact]
    public async Task Each_service_image_is_the_one_the_sdk_builds_for_its_project()
    {
        await PublishComposeAsync();
        var services = ReadServices();

        foreach (var (service, project) in new[] { ("api", "MiniPg.Api"), ("processor", "MiniPg.Processor"), ("settlement", "MiniPg.Settlement"), ("acquirer", "MiniPg.Acquirer"), ("webhooks", "MiniPg.Webhooks") })
        {
            var repository = await Cli.Wrap("dotnet")
                .WithArguments(["msbuild", Path.Combine(AppHostProcess.RepositoryRoot(), project, $"{project}.csproj"), "-getProperty:ContainerRepository"])
                .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
            Assert.Equal($"{repository.StandardOutput.Trim()}:latest", services[service].Image);
        }
    }

    [Fact]
    public async Task Every_secret_gets_a_generated_value_that_publishing_again_keeps()
    {
        await PublishComposeAsync();
        var first = await File.ReadAllTextAsync(Path.Combine(Output, ".env"), TestContext.Current.CancellationToken);
        await PublishComposeAsync();
        var second = await File.ReadAllTextAsync(Path.Combine(Output, ".env"), TestContext.Current.CancellationToken);

        Assert.Matches(
            "^ACQUIRER_KEY=[0-9a-f]{32}\nCARD_VAULT_KEY=[A-Za-z0-9+/]{43}=\nOPERATOR_KEY=[0-9a-f]{32}\nPOSTGRES_PASSWORD=[0-9a-f]{32}\nREDIS_PASSWORD=[0-9a-f]{32}\n$",
            first);
        Assert.Equal(32, Convert.FromBase64String(first.Split('\n')[1]["CARD_VAULT_KEY=".Length..]).Length);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Debians_docker_compose_accepts_the_file()
    {
        if (!File.Exists("/usr/bin/docker-compose"))
        {
            Assert.Skip("docker-compose is not installed (Debian: apt-get install -y docker-compose); .ci/run installs it.");
        }

        await PublishComposeAsync();
        var config = await Cli.Wrap("docker-compose")
            .WithArguments(["-f", Path.Combine(Output, "compose.yaml"), "config", "--quiet"])
            .WithWorkingDirectory(Output)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);

        Assert.True(config.ExitCode == 0, config.StandardError);
    }

    [Fact]
    public async Task The_manifest_alone_is_aspires_own_publisher()
    {
        var result = await PublishAsync("--publisher", "manifest", "--output-path", Output);

        Assert.True(File.Exists(Path.Combine(Output, "aspire-manifest.json")), result.StandardOutput + result.StandardError);
        Assert.False(File.Exists(Path.Combine(Output, "compose.yaml")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<BufferedCommandResult> PublishComposeAsync() =>
        PublishAsync("--operation", "publish", "--step", "publish-compose", "--output-path", Output);

    private Task<BufferedCommandResult> PublishAsync(params string[] args) =>
        AppHostProcess.Command(DataDirectory, args)
            .WithWorkingDirectory(_folder)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken)
            .Task;

    private Dictionary<string, ComposeService> ReadServices() =>
        new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).IgnoreUnmatchedProperties().Build()
            .Deserialize<ComposeDocument>(File.ReadAllText(Path.Combine(Output, "compose.yaml")))
            .Services;

    private static Dictionary<string, string> Conditions(ComposeService service) =>
        service.DependsOn.ToDictionary(dependency => dependency.Key, dependency => dependency.Value.Condition);

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
