using MiniPg.Infrastructure.Persistence;
using Npgsql;

namespace MiniPg.Tests.Infrastructure;

public sealed class ConnectionDefaultsTests
{
    private const string AppHostConnectionString = "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=minipg";

    [Fact]
    public void A_connection_string_without_settings_gets_the_default_pool_limit_and_statement_preparation()
    {
        var applied = new NpgsqlConnectionStringBuilder(ConnectionDefaults.Apply(AppHostConnectionString));

        Assert.Equal((ConnectionDefaults.DefaultMaxPoolSize, ConnectionDefaults.DefaultMaxAutoPrepare), (applied.MaxPoolSize, applied.MaxAutoPrepare));
        Assert.Equal(("127.0.0.1", 5432, "minipg"), (applied.Host, applied.Port, applied.Database));
    }

    [Theory]
    [InlineData("Maximum Pool Size=50;Max Auto Prepare=0")]
    [InlineData("maxpoolsize=50;maxautoprepare=0")]
    public void Settings_named_in_the_connection_string_are_kept(string settings)
    {
        var applied = new NpgsqlConnectionStringBuilder(ConnectionDefaults.Apply($"{AppHostConnectionString};{settings}"));

        Assert.Equal((50, 0), (applied.MaxPoolSize, applied.MaxAutoPrepare));
    }
}
