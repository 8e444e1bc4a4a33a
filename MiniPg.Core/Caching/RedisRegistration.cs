using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace MiniPg.Core.Caching;

public static class RedisRegistration
{
    /// <summary>
    /// Registers one shared <see cref="IConnectionMultiplexer"/> on <c>ConnectionStrings:redis</c>. Redis is a fast path,
    /// never the source of truth, so the client is set to fail fast while Redis is down (no backlog, short timeouts)
    /// and the health check reports Degraded rather than Unhealthy.
    /// </summary>
    public static IHostApplicationBuilder AddMiniPgRedis(this IHostApplicationBuilder builder)
    {
        ConnectionStringOptions.Register(builder.Services, ResourceNames.Redis);
        builder.Services.AddSingleton<IConnectionMultiplexer>(services =>
        {
            var options = ConfigurationOptions.Parse(ConnectionStringOptions.Get(services, ResourceNames.Redis));
            options.AbortOnConnectFail = false;
            options.BacklogPolicy = BacklogPolicy.FailFast;
            options.ConnectTimeout = 2_000;
            options.SyncTimeout = 1_000;
            options.AsyncTimeout = 1_000;
            return ConnectionMultiplexer.Connect(options);
        });
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>(ResourceNames.Redis, HealthStatus.Degraded);
        return builder;
    }
}
