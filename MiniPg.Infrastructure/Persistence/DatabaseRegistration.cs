using Microsoft.Extensions.Hosting;

namespace MiniPg.Infrastructure.Persistence;

public static class DatabaseRegistration
{
    /// <summary>
    /// <see cref="MiniPgDbContext"/> through Aspire's PostgreSQL integration, on <c>ConnectionStrings:minipg</c>: a pooled
    /// context, retries on transient failures, a readiness check, and Npgsql's traces and metrics. MiniPg adds its
    /// conventions (<see cref="DbContextOptionsExtensions.UseMiniPgConventions"/>) and its connection defaults
    /// (<see cref="ConnectionDefaults"/>).
    /// </summary>
    public static IHostApplicationBuilder AddMiniPgDatabase(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<MiniPgDbContext>(
            ResourceNames.Database,
            settings => settings.ConnectionString = settings.ConnectionString is { } connectionString ? ConnectionDefaults.Apply(connectionString) : null,
            options => options.UseMiniPgConventions());
        return builder;
    }
}
