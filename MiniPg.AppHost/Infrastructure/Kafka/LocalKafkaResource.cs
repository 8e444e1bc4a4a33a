namespace MiniPg.AppHost.Infrastructure.Kafka;

/// <summary>
/// A single-node KRaft Kafka broker (broker and controller in one JVM) from an Apache Kafka distribution. Clients use the
/// <c>tcp</c> endpoint; the <c>controller</c> endpoint only gives the KRaft controller a port of its own.
/// </summary>
public sealed class LocalKafkaResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";
    internal const string ControllerEndpointName = "controller";

    public EndpointReference PrimaryEndpoint => field ??= new(this, EndpointName);

    public EndpointReference ControllerEndpoint => field ??= new(this, ControllerEndpointName);

    /// <summary>The bootstrap servers, as Aspire's Kafka integration gives them: <c>127.0.0.1:port</c>.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.IPV4Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}
