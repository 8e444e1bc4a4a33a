using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniPg.Domain.Events;

namespace MiniPg.Infrastructure.Messaging;

/// <summary>Creates every topic at start-up (the broker does not auto-create); an existing topic is left as it is.</summary>
internal sealed class KafkaTopicsInitializer(IOptions<KafkaSettings> kafka, ILoggerFactory loggers) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = kafka.Value.BootstrapServers }).WithLogging(loggers).Build();
        var topics = Topics.All.Select(topic => new TopicSpecification { Name = topic.Key, NumPartitions = topic.Value, ReplicationFactor = 1 }).ToList();
        try
        {
            await admin.CreateTopicsAsync(topics);
        }
        catch (CreateTopicsException exception) when (exception.Results.All(result => result.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another service (or an earlier start) created some of them first: that is the goal reached.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
