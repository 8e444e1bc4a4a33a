using Microsoft.Extensions.DependencyInjection;

namespace MiniPg.AppHost.Infrastructure.Kafka;

/// <summary>Kafka as a process of this machine (run mode), or as the official image (publish mode, or with containers).</summary>
public static class KafkaBuilderExtensions
{
    /// <summary>The Kafka release of the distribution the local resource runs, and of the image it is published as.</summary>
    private const string ImageTag = "4.3.1";

    public static IResourceBuilder<LocalKafkaResource> AddLocalKafka(this IDistributedApplicationBuilder builder, string name)
    {
        var kafkaHome = builder.KafkaHome();
        var folder = Path.Combine(builder.DataDirectory(), name);
        var propertiesFile = Path.Combine(folder, "server.properties");
        var logsDirectory = Path.Combine(folder, "logs");
        var kafka = new LocalKafkaResource(name, Path.Combine(kafkaHome, "bin", "kafka-server-start.sh"), builder.DataDirectory());

        Prerequisites.Require(builder, new("Java 17+ not found (neither JAVA_HOME/bin/java nor java on PATH)", () => ExecutableSearch.Java() is not null, "openjdk-17-jre-headless"));
        Prerequisites.Require(builder, new(
            $"Apache Kafka not found (no bin/kafka-server-start.sh in '{kafkaHome}'): set {LocalInfrastructure.KafkaHomeKey} to an Apache Kafka 4.x binary distribution (see the README)",
            () => File.Exists(kafka.Command)));

        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, cancellationToken => KafkaHealthCheck.CheckAsync(kafka, cancellationToken));

        ConnectionStringsFile.WriteWhenReady(builder, kafka);
        return builder.AddResource(kafka)
            .WithEndpoint(name: LocalKafkaResource.EndpointName, scheme: "tcp", isProxied: false)
            .WithEndpoint(name: LocalKafkaResource.ControllerEndpointName, scheme: "tcp", isProxied: false)
            .WithUrlForEndpoint(LocalKafkaResource.ControllerEndpointName, url => url.DisplayLocation = UrlDisplayLocation.DetailsOnly)
            .WithArgs(context =>
            {
                var brokerPort = kafka.PrimaryEndpoint.Property(EndpointProperty.TargetPort);
                var clientPort = kafka.PrimaryEndpoint.Property(EndpointProperty.Port);
                var controllerPort = kafka.ControllerEndpoint.Property(EndpointProperty.TargetPort);
                context.Args.Add(propertiesFile);
                context.Args.Add("--override");
                context.Args.Add(ReferenceExpression.Create($"listeners=PLAINTEXT://127.0.0.1:{brokerPort},CONTROLLER://127.0.0.1:{controllerPort}"));
                context.Args.Add("--override");
                context.Args.Add(ReferenceExpression.Create($"controller.quorum.voters=1@127.0.0.1:{controllerPort}"));

                // Clients reach the broker through DCP's proxy, so that is the address the broker hands out.
                context.Args.Add("--override");
                context.Args.Add(ReferenceExpression.Create($"advertised.listeners=PLAINTEXT://127.0.0.1:{clientPort}"));
            })
            .OnBeforeResourceStarted(async (resource, @event, cancellationToken) =>
            {
                Directory.CreateDirectory(folder);
                await File.WriteAllTextAsync(propertiesFile, KafkaServerProperties.For(logsDirectory), cancellationToken);
                if (!File.Exists(Path.Combine(logsDirectory, "meta.properties")))
                {
                    var log = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(resource);
                    var storage = Path.Combine(kafkaHome, "bin", "kafka-storage.sh");
                    var clusterId = (await LocalTool.RunAsync(storage, ["random-uuid"], folder, log, cancellationToken)).Trim().Split('\n')[^1];
                    await LocalTool.RunAsync(storage, ["format", "-t", clusterId, "-c", propertiesFile], folder, log, cancellationToken);
                    HostingLog.KafkaFormatted(log, logsDirectory);
                }
            })
            .WithIconName("Flow")
            .WithHealthCheck(healthCheck);
    }

    public static IResourceBuilder<KafkaContainerResource> AddKafkaContainer(this IDistributedApplicationBuilder builder, string name)
    {
        var kafka = new KafkaContainerResource(name);
        var healthCheck = $"{name}_check";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, cancellationToken => KafkaHealthCheck.CheckAsync(kafka, cancellationToken));
        return builder.AddResource(kafka)
            .WithImage("apache/kafka", ImageTag)
            .WithImageRegistry("docker.io")
            .WithEndpoint(name: KafkaContainerResource.EndpointName, targetPort: KafkaContainerResource.BrokerPort, scheme: "tcp")
            .WithVolume($"{name}-data", "/var/lib/kafka/data")
            .WithEnvironment(context =>
            {
                // In run mode host processes reach the broker through the published port; published, other containers
                // reach it by its name on the broker port. The broker must advertise the address its clients use.
                var advertised = context.ExecutionContext.IsRunMode
                    ? ReferenceExpression.Create($"PLAINTEXT://localhost:{kafka.PrimaryEndpoint.Property(EndpointProperty.Port)}")
                    : ReferenceExpression.Create($"PLAINTEXT://{kafka.PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
                context.EnvironmentVariables["KAFKA_ADVERTISED_LISTENERS"] = advertised;
                context.EnvironmentVariables["KAFKA_NODE_ID"] = "1";
                context.EnvironmentVariables["KAFKA_PROCESS_ROLES"] = "broker,controller";
                context.EnvironmentVariables["KAFKA_LISTENERS"] = "PLAINTEXT://:9092,CONTROLLER://:9093";
                context.EnvironmentVariables["KAFKA_CONTROLLER_LISTENER_NAMES"] = "CONTROLLER";
                context.EnvironmentVariables["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"] = "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT";
                context.EnvironmentVariables["KAFKA_CONTROLLER_QUORUM_VOTERS"] = "1@localhost:9093";
                context.EnvironmentVariables["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"] = "1";
                context.EnvironmentVariables["KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"] = "1";
                context.EnvironmentVariables["KAFKA_TRANSACTION_STATE_LOG_MIN_ISR"] = "1";
                context.EnvironmentVariables["KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS"] = "0";
                context.EnvironmentVariables["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] = "false";
                context.EnvironmentVariables["KAFKA_LOG_DIRS"] = "/var/lib/kafka/data";
            })
            .WithHealthCheck(healthCheck);
    }
}
