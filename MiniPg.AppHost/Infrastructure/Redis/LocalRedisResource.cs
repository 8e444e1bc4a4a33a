namespace MiniPg.AppHost.Infrastructure.Redis;

/// <summary>A Redis 7 server run from this machine's <c>redis-server</c>. Shaped like Aspire's <c>RedisResource</c>: a <c>tcp</c> endpoint and a password.</summary>
public sealed class LocalRedisResource(string name, string workingDirectory, string password)
    : ExecutableResource(name, "redis-server", workingDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => field ??= new(this, EndpointName);

    internal string Password { get; } = password;

    /// <summary>StackExchange.Redis format, as Aspire's: <c>127.0.0.1:port,password=…</c>.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.IPV4Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={Password}");
}
