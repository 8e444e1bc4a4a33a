using Microsoft.EntityFrameworkCore;
using MiniPg.Core;
using MiniPg.Core.Persistence;
using Npgsql;

namespace MiniPg.Acquirer.Ledger;

public static class AcquirerDatabase
{
    /// <summary>Registers <see cref="AcquirerDbContext"/> on <c>ConnectionStrings:acquirerdb</c> and a readiness check.</summary>
    public static IHostApplicationBuilder AddAcquirerDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AcquirerDatabaseOptions>()
            .Configure<IConfiguration>((options, configuration) =>
                options.ConnectionString = configuration.GetConnectionString(ResourceNames.AcquirerDatabase) ?? string.Empty)
            .Validate(
                options => !string.IsNullOrWhiteSpace(options.ConnectionString),
                $"ConnectionStrings:{ResourceNames.AcquirerDatabase} is not set. Run the system with `dotnet run --project MiniPg.AppHost`, which injects it, or set ConnectionStrings__{ResourceNames.AcquirerDatabase}.")
            .ValidateOnStart();
        builder.Services.AddDbContext<AcquirerDbContext>((services, options) => options
            .UseNpgsql(ConnectionPool.WithDefaultLimit(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AcquirerDatabaseOptions>>().Value.ConnectionString))
            .UseSnakeCaseNamingConvention(),
            optionsLifetime: ServiceLifetime.Singleton);
        builder.Services.AddHealthChecks().AddDbContextCheck<AcquirerDbContext>(ResourceNames.AcquirerDatabase);
        return builder;
    }

    /// <summary>
    /// A mock's schema needs no migrations: it is created when missing. Several acquirers starting at once may race to
    /// create it; the loser's "already exists" is the winner's success.
    /// </summary>
    public static async Task EnsureCreatedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AcquirerDbContext>();
        try
        {
            await db.Database.EnsureCreatedAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateDatabase)
        {
            // Another instance created it first.
        }
    }
}

public sealed class AcquirerDatabaseOptions
{
    public string ConnectionString { get; set; } = string.Empty;
}
