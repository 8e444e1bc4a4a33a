using Microsoft.EntityFrameworkCore;

namespace MiniPg.Infrastructure.Persistence;

public static class DbContextOptionsExtensions
{
    /// <summary>
    /// The provider as the services get it from <see cref="DatabaseRegistration.AddMiniPgDatabase"/>, for code that builds
    /// a context by hand (tests, benchmarks, the design-time factory).
    /// </summary>
    public static DbContextOptionsBuilder UseMiniPgNpgsql(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(ConnectionPool.WithDefaultLimit(connectionString), npgsql => npgsql.EnableRetryOnFailure())
            .UseSnakeCaseNamingConvention();
}
