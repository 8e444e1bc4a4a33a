namespace MiniPg.Hosting;

public static class RedisBuilderExtensions
{
    /// <summary>Adds a Redis server on a free loopback port.</summary>
    public static IResourceBuilder<RedisResource> AddRedis(this DistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new RedisResource(name));
    }
}
