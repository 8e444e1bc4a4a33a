using System.Globalization;
using StackExchange.Redis;

namespace MiniPg.Hosting;

/// <summary>redis-server in the foreground with an append-only file and no RDB snapshots.</summary>
internal sealed class RedisRunner(RedisResource redis, RunnerContext context) : ProcessRunner(redis, context)
{
    private string DataDirectory => Path.Combine(Context.Settings.DataDirectory, "redis");

    public override string? Endpoint => redis.Port is { } port ? string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}") : null;

    public override void AllocatePorts() => redis.Port ??= FreePort.Pick();

    protected override Task<ProcessSpec> PrepareAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(DataDirectory);
        var spec = new ProcessSpec(
            "redis-server",
            [
                "--port", redis.Port!.Value.ToString(CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1",
                "--dir", DataDirectory,
                "--appendonly", "yes",
                "--save", string.Empty,
                "--daemonize", "no",
                "--protected-mode", "yes",
            ],
            DataDirectory,
            new Dictionary<string, string?>());
        return Task.FromResult(spec);
    }

    protected override async Task ProbeHealthAsync(CancellationToken cancellationToken)
    {
        var options = new ConfigurationOptions
        {
            EndPoints = { { "127.0.0.1", redis.Port!.Value } },
            AbortOnConnectFail = true,
            ConnectRetry = 0,
            ConnectTimeout = 2000,
        };
        var connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.GetDatabase().PingAsync().ConfigureAwait(false);
        }
    }
}
