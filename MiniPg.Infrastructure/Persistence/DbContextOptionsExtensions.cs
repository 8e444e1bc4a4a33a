using Microsoft.EntityFrameworkCore;
using MiniPg.Infrastructure.Outbox;

namespace MiniPg.Infrastructure.Persistence;

public static class DbContextOptionsExtensions
{
    /// <summary>
    /// The provider as the services get it from <see cref="DatabaseRegistration.AddMiniPgDatabase"/>, for code that builds
    /// a context by hand (tests, benchmarks, the design-time factory).
    /// </summary>
    public static DbContextOptionsBuilder UseMiniPgNpgsql(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(ConnectionDefaults.Apply(connectionString), npgsql => npgsql.EnableRetryOnFailure())
            .UseMiniPgConventions();

    /// <summary>What every MiniPg context adds to its provider: snake_case names, and the outbox written on every save.</summary>
    public static DbContextOptionsBuilder UseMiniPgConventions(this DbContextOptionsBuilder options) =>
        options
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(OutboxInterceptor.Instance);
}
