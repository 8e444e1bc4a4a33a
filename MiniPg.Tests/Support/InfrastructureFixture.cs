using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniPg.Infrastructure.Persistence;
using MiniPg.Testing;

[assembly: AssemblyFixture(typeof(MiniPg.Tests.Support.InfrastructureFixture))]

namespace MiniPg.Tests.Support;

/// <summary>
/// Real PostgreSQL, Redis and Kafka: the infrastructure of the AppHost's own model, started once per test run through
/// <c>Aspire.Hosting.Testing</c> in a throw-away data folder. The services are left out of that model and run in the
/// test process instead (<c>WebApplicationFactory</c>), so tests can give them a fake clock, a faulty acquirer or short
/// retry delays. Tests isolate themselves with their own merchants and keys.
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    public const string TestCardVaultKey = "dGVzdC1vbmx5LWNhcmQtdmF1bHQta2V5LTMyLWJ5dGU=";
    public const string OperatorKey = "sk_test_operator_for_tests";
    public const string AcquirerKey = "sk_test_acquirer_for_tests";

    private static readonly string[] Infrastructure = [ResourceNames.Postgres, ResourceNames.Database, ResourceNames.AcquirerDatabase, ResourceNames.Redis, ResourceNames.Kafka];

    private AppHostInfrastructure? _infrastructure;
    private ApiFactory? _api;

    public DistributedApplication App => _infrastructure?.App ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>One in-memory API host shared by the tests that need no special clock or configuration.</summary>
    public ApiFactory Api => _api ??= new ApiFactory(this, ApiFactory.NoAcquirer);

    public string DatabaseConnectionString { get; private set; } = string.Empty;

    public string RedisConnectionString { get; private set; } = string.Empty;

    public string KafkaBootstrapServers { get; private set; } = string.Empty;

    /// <summary>The mock acquirer's own database on the same server: its ledger is not ours.</summary>
    public string AcquirerDatabaseConnectionString { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _infrastructure = await AppHostInfrastructure.StartAsync("tests", Infrastructure, cancellationToken: cancellationToken);
        DatabaseConnectionString = _infrastructure.ConnectionStrings[ResourceNames.Database];
        RedisConnectionString = _infrastructure.ConnectionStrings[ResourceNames.Redis];
        KafkaBootstrapServers = _infrastructure.ConnectionStrings[ResourceNames.Kafka];
        AcquirerDatabaseConnectionString = _infrastructure.ConnectionStrings[ResourceNames.AcquirerDatabase];

        await using var db = CreateDbContext();
        await DatabaseSetup.MigrateAsync(db, seedDemoMerchants: false, TimeProvider.System, cancellationToken);
    }

    /// <summary>What the AppHost would inject into a service: connection strings, the acquirer's address and key, the vault and operator keys.</summary>
    public void ApplyServiceSettings(IWebHostBuilder builder, Uri acquirer)
    {
        builder.UseSetting($"ConnectionStrings:{ResourceNames.Database}", DatabaseConnectionString);
        builder.UseSetting($"ConnectionStrings:{ResourceNames.Redis}", RedisConnectionString);
        builder.UseSetting($"ConnectionStrings:{ResourceNames.Kafka}", KafkaBootstrapServers);
        builder.UseSetting($"services:{ResourceNames.Acquirer}:http:0", acquirer.ToString());
        builder.UseSetting("CardVault:Key", TestCardVaultKey);
        builder.UseSetting("Operator:Key", OperatorKey);
        builder.UseSetting("Acquirer:Key", AcquirerKey);
    }

    public MiniPgDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<MiniPgDbContext>();
        options.UseMiniPgNpgsql(DatabaseConnectionString);
        return new MiniPgDbContext(options.Options);
    }

    /// <summary>Stops one resource for real, as an outage would, with the dashboard's own Stop command.</summary>
    public async Task StopResourceAsync(string resourceName)
    {
        var result = await App.Services.GetRequiredService<ResourceCommandService>()
            .ExecuteCommandAsync(resourceName, KnownResourceCommands.StopCommand, TestContext.Current.CancellationToken);
        Assert.True(result.Success, $"stopping {resourceName}: {result.Message}");
        await App.ResourceNotifications.WaitForResourceAsync(resourceName, KnownResourceStates.TerminalStates, TestContext.Current.CancellationToken);
    }

    /// <summary>Starts a stopped resource again (its clients keep the same address) and waits until it is healthy.</summary>
    public async Task StartResourceAsync(string resourceName)
    {
        var result = await App.Services.GetRequiredService<ResourceCommandService>()
            .ExecuteCommandAsync(resourceName, KnownResourceCommands.StartCommand, TestContext.Current.CancellationToken);
        Assert.True(result.Success, $"starting {resourceName}: {result.Message}");
        await App.ResourceNotifications.WaitForResourceHealthyAsync(resourceName, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_infrastructure is not null)
        {
            await _infrastructure.DisposeAsync();
        }
    }
}
