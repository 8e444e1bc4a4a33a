using System.Globalization;

namespace MiniPg.Hosting;

/// <summary>A Redis server (append-only file, no snapshots) on a loopback port.</summary>
public sealed class RedisResource : Resource, IResourceWithConnectionString
{
    internal RedisResource(string name)
        : base(name)
    {
    }

    public override string TypeName => "Redis";

    internal int? Port { get; set; }

    /// <summary>StackExchange.Redis format: <c>127.0.0.1:port</c>.</summary>
    public ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Port is null ? null : string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}"));
}
