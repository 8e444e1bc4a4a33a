namespace MiniPg.Hosting;

public static class KafkaBuilderExtensions
{
    /// <summary>Adds a single-node KRaft Kafka broker; its ports are chosen once per data folder and then kept.</summary>
    public static IResourceBuilder<KafkaServerResource> AddKafka(this DistributedApplicationBuilder builder, string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new KafkaServerResource(name));
    }
}
