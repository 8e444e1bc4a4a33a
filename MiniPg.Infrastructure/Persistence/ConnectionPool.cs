using System.Data.Common;
using Npgsql;

namespace MiniPg.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL admits 100 connections (its default <c>max_connections</c>), and Npgsql lets each service's pool grow to
/// 100 as well. Under load four services then open more than the server admits; the refused ones fail or wait in
/// EF Core's retry back-off, and throughput collapses (the payments benchmark measured it). So every service's pool stops
/// at <see cref="DefaultMaxPoolSize"/> unless its connection string names a size itself: requests beyond it queue in the
/// pool instead of being refused by the server.
/// </summary>
public static class ConnectionPool
{
    public const int DefaultMaxPoolSize = 20;

    private static readonly string[] MaxPoolSizeKeywords = ["Maximum Pool Size", "MaxPoolSize"];

    public static string WithDefaultLimit(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (MaxPoolSizeKeywords.Any(given.ContainsKey))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaxPoolSize }.ConnectionString;
    }
}
