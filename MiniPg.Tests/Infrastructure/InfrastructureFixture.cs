using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using MiniPg.Core;
using MiniPg.Core.Persistence;
using MiniPg.Hosting;

[assembly: AssemblyFixture(typeof(MiniPg.Tests.Infrastructure.InfrastructureFixture))]

namespace MiniPg.Tests.Infrastructure;

/// <summary>
/// Real PostgreSQL, Redis and Kafka, started once per test run through the very resource model the AppHost uses,
/// in a throw-away data folder. Tests isolate themselves with their own merchants and keys.
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"minipg-tests-{Guid.NewGuid():N}")).FullName;
    private DistributedApplication? _app;
    private ApiFactory? _api;

    public const string TestCardVaultKey = "dGVzdC1vbmx5LWNhcmQtdmF1bHQta2V5LTMyLWJ5dGU=";

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>One in-memory API host shared by the tests that need no special clock or configuration.</summary>
    public ApiFactory Api => _api ??= new ApiFactory(this, ApiFactory.NoAcquirer);

    public string DatabaseConnectionString { get; private set; } = string.Empty;

    public string RedisConnectionString { get; private set; } = string.Empty;

    public string KafkaBootstrapServers { get; private set; } = string.Empty;

    /// <summary>The mock acquirer's own database on the same server: its ledger is not ours.</summary>
    public string AcquirerDatabaseConnectionString { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { DataDirectory = _dataDirectory });
        var postgres = builder.AddPostgres(ResourceNames.Postgres);
        postgres.AddDatabase(ResourceNames.Database);
        postgres.AddDatabase(ResourceNames.AcquirerDatabase);
        builder.AddRedis(ResourceNames.Redis);
        builder.AddKafka(ResourceNames.Kafka);
        _app = builder.Build();
        await _app.StartAsync(TestContext.Current.CancellationToken);

        DatabaseConnectionString = await ConnectionStringOf(ResourceNames.Database);
        RedisConnectionString = await ConnectionStringOf(ResourceNames.Redis);
        KafkaBootstrapServers = await ConnectionStringOf(ResourceNames.Kafka);
        AcquirerDatabaseConnectionString = await ConnectionStringOf(ResourceNames.AcquirerDatabase);

        await using var db = CreateDbContext();
        await DatabaseSetup.MigrateAsync(db, seedDemoMerchants: false, TimeProvider.System, TestContext.Current.CancellationToken);
    }

    /// <summary>What the AppHost would inject into a service: connection strings, the acquirer's address, the vault key.</summary>
    public void ApplyServiceSettings(IWebHostBuilder builder, Uri acquirer)
    {
        builder.UseSetting($"ConnectionStrings:{ResourceNames.Database}", DatabaseConnectionString);
        builder.UseSetting($"ConnectionStrings:{ResourceNames.Redis}", RedisConnectionString);
        builder.UseSetting($"ConnectionStrings:{ResourceNames.Kafka}", KafkaBootstrapServers);
        builder.UseSetting($"services:{ResourceNames.Acquirer}:http:0", acquirer.ToString());
        builder.UseSetting("CardVault:Key", TestCardVaultKey);
    }

    public MiniPgDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<MiniPgDbContext>();
        options.UseMiniPgNpgsql(DatabaseConnectionString);
        return new MiniPgDbContext(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }

    private async Task<string> ConnectionStringOf(string resource) =>
        await App.GetConnectionStringAsync(resource) ?? throw new InvalidOperationException($"{resource} has no connection string.");
}
