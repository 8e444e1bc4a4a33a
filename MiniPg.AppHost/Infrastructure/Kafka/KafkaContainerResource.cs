namespace MiniPg.AppHost.Infrastructure.Kafka;

/// <summary>
/// The official <c>apache/kafka</c> image as a single-node KRaft broker: what <see cref="LocalKafkaResource"/> becomes when
/// published or run with containers. Aspire's own Kafka integration is not served here, so this is ours.
/// </summary>
public sealed class KafkaContainerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";
    internal const int BrokerPort = 9092;

    public EndpointReference PrimaryEndpoint => field ??= new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}
