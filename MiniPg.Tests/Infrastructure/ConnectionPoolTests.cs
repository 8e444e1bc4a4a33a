using MiniPg.Infrastructure.Persistence;
using Npgsql;

namespace MiniPg.Tests.Infrastructure;

public sealed class ConnectionPoolTests
{
    private const string AppHostConnectionString = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=minipg";

    [Fact]
    public void A_connection_string_without_a_pool_size_gets_the_default_limit()
    {
        var limited = new NpgsqlConnectionStringBuilder(ConnectionPool.WithDefaultLimit(AppHostConnectionString));

        Assert.Equal(ConnectionPool.DefaultMaxPoolSize, limited.MaxPoolSize);
        Assert.Equal(("127.0.0.1", 5432, "minipg"), (limited.Host, limited.Port, limited.Database));
    }

    [Theory]
    [InlineData("Maximum Pool Size=50")]
    [InlineData("maxpoolsize=50")]
    public void A_pool_size_named_in_the_connection_string_is_kept(string setting)
    {
        var limited = new NpgsqlConnectionStringBuilder(ConnectionPool.WithDefaultLimit($"{AppHostConnectionString};{setting}"));

        Assert.Equal(50, limited.MaxPoolSize);
    }
}
