using Confluent.Kafka;
using MiniPg.Core;
using MiniPg.Core.Events;
using MiniPg.Core.Messaging;
using MiniPg.Processor.Consuming;

namespace MiniPg.Processor.DeadLetters;

/// <summary>
/// <c>MiniPg.Processor replay-dead-letters</c>: sends every dead-lettered request waiting in
/// <c>payment.requested.dlt</c> back to <c>payment.requested</c> with a fresh attempt count, once the cause (an acquirer
/// outage, a bug fix) is dealt with. Its consumer group remembers what was replayed, so a second run replays only new
/// dead letters. It stops at each partition's end as it was when the command started: a message that fails again is
/// dead-lettered again and waits for the next run, instead of going round in circles. A replayed payment that already
/// reached a final state is a harmless duplicate.
/// </summary>
public static class ReplayDeadLettersCommand
{
    public const string Verb = "replay-dead-letters";
    private const string ReplayGroup = "minipg-dead-letter-replay";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        LocalAppHost.AddConnectionStrings(builder.Configuration);
        builder.AddMiniPgKafka();
        using var host = builder.Build();
        var bootstrapServers = ConnectionStringOptions.Get(host.Services, ResourceNames.Kafka);
        var producer = host.Services.GetRequiredService<IProducer<string, string>>();
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = ReplayGroup,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).WithLogging(host.Services.GetRequiredService<ILoggerFactory>()).Build();
        consumer.Subscribe(Topics.PaymentRequestedDeadLetter);

        var replayed = 0;
        var endAtStart = new Dictionary<TopicPartition, long>();
        while (consumer.Consume(TimeSpan.FromSeconds(5)) is { } deadLetter)
        {
            if (!endAtStart.TryGetValue(deadLetter.TopicPartition, out var end))
            {
                end = consumer.QueryWatermarkOffsets(deadLetter.TopicPartition, TimeSpan.FromSeconds(10)).High;
                endAtStart[deadLetter.TopicPartition] = end;
            }

            if (deadLetter.Offset >= end)
            {
                consumer.Pause([deadLetter.TopicPartition]);
                continue;
            }

            var headers = new Headers();
            if (RetryHeaders.Read(deadLetter.Message.Headers, RetryHeaders.TraceParent) is { } traceParent)
            {
                headers.Add(RetryHeaders.TraceParent, System.Text.Encoding.ASCII.GetBytes(traceParent));
            }

            var target = RetryHeaders.Read(deadLetter.Message.Headers, RetryHeaders.OriginalTopic) ?? Topics.PaymentRequested;
            await producer.ProduceAsync(target, new Message<string, string> { Key = deadLetter.Message.Key, Value = deadLetter.Message.Value, Headers = headers });
            consumer.Commit(deadLetter);
            replayed++;
            Console.WriteLine($"replayed {deadLetter.Message.Key} to {target} (was: {RetryHeaders.Read(deadLetter.Message.Headers, RetryHeaders.Error)})");
        }

        consumer.Close();
        Console.WriteLine($"{replayed} dead letter(s) replayed.");
        return 0;
    }
}
