using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace MiniPg.AppHost.Infrastructure.Redis;

/// <summary>
/// Redis as a process of this machine: <c>redis-server</c> in the foreground on the port DCP assigns, loopback only,
/// with an append-only file (every acknowledged write survives a restart) and no RDB snapshots.
/// </summary>
public static class LocalRedisBuilderExtensions
{
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(this IDistributedApplicationBuilder builder, string name)
    {
        var dataDirectory = Path.Combine(builder.DataDirectory(), name);
        var configFile = Path.Combine(dataDirectory, "redis.conf");
        var redis = new LocalRedisResource(name, builder.DataDirectory(), LocalSecret.ReadOrCreate(Path.Combine(builder.DataDirectory(), $"{name}.password")));
        Prerequisites.Require(builder, new("Redis not found (no redis-server on PATH)", () => ExecutableSearch.OnPath("redis-server") is not null, "redis-server"));

        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, async cancellationToken =>
        {
            var options = ConfigurationOptions.Parse(await redis.ConnectionStringExpression.GetValueAsync(cancellationToken) ?? string.Empty);
            options.AbortOnConnectFail = true;
            options.ConnectRetry = 0;
            options.ConnectTimeout = 2_000;
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
            await connection.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy();
        });

        ConnectionStringsFile.WriteWhenReady(builder, redis);
        return builder.AddResource(redis)
            .WithEndpoint(name: LocalRedisResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add(configFile);
                context.Args.Add("--port");
                context.Args.Add(redis.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                foreach (var argument in (string[])["--bind", "127.0.0.1", "--dir", dataDirectory, "--appendonly", "yes", "--save", string.Empty, "--daemonize", "no"])
                {
                    context.Args.Add(argument);
                }
            })
            .OnBeforeResourceStarted(async (_, _, cancellationToken) =>
            {
                // The password goes in a file only its owner reads, not on the command line where `ps` shows it.
                Directory.CreateDirectory(dataDirectory);
                await File.WriteAllTextAsync(configFile, $"requirepass {redis.Password}\n", cancellationToken);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(configFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            })
            .WithIconName("Memory")
            .WithHealthCheck(healthCheck);
    }
}
