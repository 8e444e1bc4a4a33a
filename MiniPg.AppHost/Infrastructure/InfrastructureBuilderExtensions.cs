using MiniPg.AppHost.Infrastructure.Kafka;
using MiniPg.AppHost.Infrastructure.Postgres;
using MiniPg.AppHost.Infrastructure.Redis;

namespace MiniPg.AppHost.Infrastructure;

/// <summary>
/// The infrastructure the AppHost declares, each under one name in both modes (so <c>ConnectionStrings__*</c> never
/// change): a process of this machine in run mode, Aspire's container integration when published or when
/// <c>MiniPg:Infrastructure=containers</c>. Versions: PostgreSQL 15, Redis 7, Kafka 4.3.1, as the local resources run.
/// </summary>
public static class InfrastructureBuilderExtensions
{
    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresServer(this IDistributedApplicationBuilder builder, string name) =>
        builder.UsesContainers()
            ? builder.AddPostgres(name).WithImageTag("15").WithDataVolume()
            : builder.AddLocalPostgres(name);

    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresDatabase(this IResourceBuilder<IResourceWithConnectionString> server, string name) => server switch
    {
        IResourceBuilder<PostgresServerResource> container => container.AddDatabase(name),
        IResourceBuilder<LocalPostgresResource> local => local.AddDatabase(name),
        _ => throw new ArgumentException($"{server.Resource.Name} is not a PostgreSQL server.", nameof(server)),
    };

    public static IResourceBuilder<IResourceWithConnectionString> AddRedisServer(this IDistributedApplicationBuilder builder, string name) =>
        builder.UsesContainers()
            ? builder.AddRedis(name).WithImageTag("7").WithDataVolume()
            : builder.AddLocalRedis(name);

    public static IResourceBuilder<IResourceWithConnectionString> AddKafkaBroker(this IDistributedApplicationBuilder builder, string name) =>
        builder.UsesContainers()
            ? builder.AddKafkaContainer(name)
            : builder.AddLocalKafka(name);
}
