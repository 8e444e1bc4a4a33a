using System.Data.Common;
using Npgsql;

namespace MiniPg.Infrastructure.Persistence;

/// <summary>
/// What every service's connection string gets unless it names the setting itself:
/// <list type="bullet">
/// <item>A pool that stops at <see cref="DefaultMaxPoolSize"/>. PostgreSQL admits 100 connections (its default
/// <c>max_connections</c>), and Npgsql lets each service's pool grow to 100 as well. Under load four services then open
/// more than the server admits; the refused ones fail or wait in EF Core's retry back-off, and throughput collapses (the
/// payments benchmark measured it). Requests beyond the limit queue in the pool instead of being refused by the server.</item>
/// <item>Automatic preparation of the <see cref="DefaultMaxAutoPrepare"/> statements a connection runs most: the hot path
/// runs the same few statements for every payment, and a prepared one is parsed and planned once per connection
/// instead of on every execution (ADR 34).</item>
/// </list>
/// </summary>
public static class ConnectionDefaults
{
    public const int DefaultMaxPoolSize = 20;

    public const int DefaultMaxAutoPrepare = 50;

    private static readonly string[] MaxPoolSizeKeywords = ["Maximum Pool Size", "MaxPoolSize"];

    private static readonly string[] MaxAutoPrepareKeywords = ["Max Auto Prepare", "MaxAutoPrepare"];

    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!MaxPoolSizeKeywords.Any(given.ContainsKey))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        if (!MaxAutoPrepareKeywords.Any(given.ContainsKey))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        return builder.ConnectionString;
    }
}
