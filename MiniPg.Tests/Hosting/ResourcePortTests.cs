using System.Globalization;
using MiniPg.Tests.Infrastructure;
using Npgsql;
using StackExchange.Redis;

namespace MiniPg.Tests.Hosting;

/// <summary>
/// Listening ports are chosen below the kernel's ephemeral range. Inside it, a client reconnecting to a stopped Kafka
/// could take the broker's own port (or connect to itself on it) and the restart would fail to bind.
/// </summary>
public sealed class ResourcePortTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public void Every_resource_listens_below_the_ephemeral_port_range()
    {
        var ephemeralStart = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], CultureInfo.InvariantCulture);
        var ports = new Dictionary<string, int>
        {
            ["postgres"] = new NpgsqlConnectionStringBuilder(infrastructure.DatabaseConnectionString).Port,
            ["redis"] = ((System.Net.IPEndPoint)ConfigurationOptions.Parse(infrastructure.RedisConnectionString).EndPoints[0]).Port,
            ["kafka"] = int.Parse(infrastructure.KafkaBootstrapServers.Split(':')[^1], CultureInfo.InvariantCulture),
        };

        Assert.All(ports, port => Assert.InRange(port.Value, 1024, ephemeralStart - 1));
    }
}
