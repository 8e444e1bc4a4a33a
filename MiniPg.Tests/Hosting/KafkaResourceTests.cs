using Confluent.Kafka;
using Confluent.Kafka.Admin;
using MiniPg.Tests.Infrastructure;

namespace MiniPg.Tests.Hosting;

public sealed class KafkaResourceTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task The_kafka_resource_is_a_real_broker_that_round_trips_a_record()
    {
        var topic = $"test.roundtrip.{Guid.NewGuid():N}";
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = infrastructure.KafkaBootstrapServers }).Build())
        {
            await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = 1, ReplicationFactor = 1 }]);
        }

        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = infrastructure.KafkaBootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
        }).Build())
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "payment-1", Value = "hello" }, TestContext.Current.CancellationToken);
        }

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = infrastructure.KafkaBootstrapServers,
            GroupId = $"test-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        var record = consumer.Consume(TimeSpan.FromSeconds(30));
        consumer.Close();

        Assert.Equal(("payment-1", "hello"), (record?.Message.Key, record?.Message.Value));
    }
}
