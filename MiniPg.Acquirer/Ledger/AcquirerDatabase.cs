using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MiniPg.Acquirer.Ledger;

public static class AcquirerDatabase
{
    /// <summary>
    /// <see cref="AcquirerDbContext"/> through Aspire's PostgreSQL integration, on <c>ConnectionStrings:acquirerdb</c>: a
    /// pooled context, a readiness check and Npgsql's telemetry. No retrying execution strategy: the ledger's
    /// cancellations run in transactions of their own, and a failed call is the caller's to retry.
    /// </summary>
    public static IHostApplicationBuilder AddAcquirerDatabase(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<AcquirerDbContext>(
            ResourceNames.AcquirerDatabase,
            settings =>
            {
                settings.ConnectionString = settings.ConnectionString is { } connectionString ? WithDefaultPoolLimit(connectionString) : null;
                settings.DisableRetry = true;
            },
            options => options.UseSnakeCaseNamingConvention());
        return builder;
    }

    /// <summary>
    /// The server admits 100 connections (PostgreSQL's default) and MiniPg's services share it in this demo, so the
    /// acquirer's pool stops at 20 (Npgsql's default would be 100) unless its connection string names a size.
    /// </summary>
    private static string WithDefaultPoolLimit(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.ContainsKey("Maximum Pool Size") || given.ContainsKey("MaxPoolSize")
            ? connectionString
            : new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 20 }.ConnectionString;
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
