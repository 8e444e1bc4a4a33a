namespace MiniPg.AppHost.Infrastructure.Kafka;

/// <summary>
/// The broker's configuration. The quorum is static (<c>controller.quorum.voters</c>), so the ports are not part of the
/// formatted metadata: DCP may give the broker new ports at every start, and they arrive as <c>--override</c> arguments.
/// The ports written here only satisfy <c>kafka-storage.sh format</c>, which validates a complete configuration.
/// </summary>
internal static class KafkaServerProperties
{
    public static string For(string logsDirectory) => $"""
        # Written by the MiniPg AppHost at every start; the listener ports below are overridden on the command line.
        process.roles=broker,controller
        node.id=1
        controller.quorum.voters=1@127.0.0.1:9093
        listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093
        advertised.listeners=PLAINTEXT://127.0.0.1:9092
        controller.listener.names=CONTROLLER
        inter.broker.listener.name=PLAINTEXT
        listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
        log.dirs={logsDirectory}
        offsets.topic.replication.factor=1
        transaction.state.log.replication.factor=1
        transaction.state.log.min.isr=1
        share.coordinator.state.topic.replication.factor=1
        share.coordinator.state.topic.min.isr=1
        group.initial.rebalance.delay.ms=0
        auto.create.topics.enable=false
        num.network.threads=2
        num.io.threads=4

        """;
}
