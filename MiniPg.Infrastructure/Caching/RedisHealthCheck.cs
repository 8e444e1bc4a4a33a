using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace MiniPg.Infrastructure.Caching;

internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"PING answered in {latency.TotalMilliseconds:F1} ms.");
        }
        catch (Exception exception) when (exception is RedisException or RedisTimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis does not answer PING.", exception);
        }
    }
}
