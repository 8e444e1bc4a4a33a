using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using MiniPg.Domain.Events;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Messaging;
using MiniPg.Infrastructure.Persistence;
using MiniPg.Processor.Consuming;

namespace MiniPg.Processor.DeadLetters;

/// <summary>
/// Sends every dead-lettered request waiting in <c>payment.requested.dlt</c> back to the topic it came from with a fresh
/// attempt count, once the cause (an acquirer outage, a bug fix) is dealt with. Its consumer group remembers what was
/// replayed, so a second run replays only new dead letters. It stops at each partition's end as it was when the run
/// started: a message that fails again is dead-lettered again and waits for the next run, instead of going round in
/// circles. A replayed payment that already reached a final state is a harmless duplicate. One run at a time. Each
/// replay is recorded on the payment's timeline (<see cref="ProcessingActivities"/>).
/// </summary>
public sealed partial class DeadLetterReplayer(
    IProducer<string, string> producer,
    IOptions<KafkaSettings> kafka,
    ProcessingActivities activities,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<DeadLetterReplayer> logger) : IDisposable
{
    private const string ReplayGroup = "minipg-dead-letter-replay";
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Replays what is waiting and returns how many dead letters went back.</summary>
    public async Task<int> ReplayAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => ReplayWaitingAsync(cancellationToken), cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<int> ReplayWaitingAsync(CancellationToken cancellationToken)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = kafka.Value.BootstrapServers,
            GroupId = ReplayGroup,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).WithLogging(loggers).Build();
        consumer.Subscribe(Topics.PaymentRequestedDeadLetter);

        var replayed = 0;
        var endAtStart = new Dictionary<TopicPartition, long>();
        while (!cancellationToken.IsCancellationRequested && consumer.Consume(IdleTimeout) is { } deadLetter)
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
                headers.Add(RetryHeaders.TraceParent, Encoding.ASCII.GetBytes(traceParent));
            }

            var target = RetryHeaders.Read(deadLetter.Message.Headers, RetryHeaders.OriginalTopic) ?? Topics.PaymentRequested;
            var replayedAt = time.GetUtcNowForStorage();
            await producer.ProduceAsync(target, new Message<string, string> { Key = deadLetter.Message.Key, Value = deadLetter.Message.Value, Headers = headers }, cancellationToken);
            consumer.Commit(deadLetter);
            replayed++;
            var error = RetryHeaders.Read(deadLetter.Message.Headers, RetryHeaders.Error);
            LogReplayed(deadLetter.Message.Key, target, error);
            await activities.RecordAsync(
                deadLetter.Message.Key,
                paymentId => PaymentActivity.Happened(paymentId, PaymentActivityKinds.Replayed, replayedAt, null, error is null ? null : $"it had failed with: {error}"),
                cancellationToken);
        }

        consumer.Close();
        LogDone(replayed);
        return replayed;
    }

    public void Dispose() => _oneAtATime.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed dead letter {PaymentId} to {Topic} (it failed with: {Error})")]
    private partial void LogReplayed(string paymentId, string topic, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Replayed} dead letter(s) replayed")]
    private partial void LogDone(int replayed);
}
