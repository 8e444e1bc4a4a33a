using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace MiniPg.Infrastructure.Caching;

public static class RedisRegistration
{
    /// <summary>
    /// One shared <see cref="IConnectionMultiplexer"/> through Aspire's Redis integration, on <c>ConnectionStrings:redis</c>,
    /// with its traces. Redis is a fast path, never the source of truth, so the client fails fast while Redis is down (no
    /// backlog, short timeouts) and the health check is ours: Degraded rather than Aspire's Unhealthy, so a Redis outage
    /// never takes a service out of rotation.
    /// </summary>
    public static IHostApplicationBuilder AddMiniPgRedis(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient(
            ResourceNames.Redis,
            settings => settings.DisableHealthChecks = true,
            options =>
            {
                options.AbortOnConnectFail = false;
                options.BacklogPolicy = BacklogPolicy.FailFast;

                // A Redis that is down refuses at once; this only bounds a handshake. 2 s was too short for a service
                // starting beside all the others on two cores: its handshake did not finish in time, was logged as an
                // error, and the client connected on its next try.
                options.ConnectTimeout = 5_000;
                options.SyncTimeout = 1_000;
                options.AsyncTimeout = 1_000;
            });
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>(ResourceNames.Redis, HealthStatus.Degraded);
        return builder;
    }
}
