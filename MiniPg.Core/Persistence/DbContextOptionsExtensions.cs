using Microsoft.EntityFrameworkCore;

namespace MiniPg.Core.Persistence;

public static class DbContextOptionsExtensions
{
    /// <summary>The one place the provider is configured, shared by the services, migrations and tests.</summary>
    public static DbContextOptionsBuilder UseMiniPgNpgsql(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(ConnectionPool.WithDefaultLimit(connectionString), npgsql => npgsql.EnableRetryOnFailure())
            .UseSnakeCaseNamingConvention();
}
