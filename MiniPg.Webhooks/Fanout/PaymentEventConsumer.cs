using System.Data.Common;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using MiniPg.Domain.Webhooks;
using MiniPg.Infrastructure.Messaging;
using MiniPg.Webhooks.Sending;

namespace MiniPg.Webhooks.Fanout;

/// <summary>
/// Transport only: takes <c>payment.completed</c>, <c>payment.failed</c> and <c>payment.cancelled</c> from Kafka in
/// batches (whatever has arrived, up to <see cref="BatchSize"/>), has <see cref="WebhookFanout"/> commit their
/// deliveries, and only then stores the batch's offsets and wakes the sender. A batch the database does not take is
/// tried again until it does: an event is never skipped for an outage. A crash redelivers what was not stored, which
/// the fan-out finds already done.
/// </summary>
public sealed partial class PaymentEventConsumer(
    IServiceScopeFactory scopes,
    DeliverySignal signal,
    DeliveryTraces traces,
    IOptions<WebhookOptions> options,
    IOptions<KafkaSettings> kafka,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<PaymentEventConsumer> logger) : BackgroundService
{
    public const int BatchSize = 200;
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>On a thread of its own, as the Processor's loops: <c>Consume</c> blocks, and a pool thread held for good would starve the rest.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Consume(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Consume(CancellationToken stoppingToken)
    {
        using var consumer = new ConsumerBuilder<string, string>(kafka.Value.StoredOffsetConsumer(options.Value.ConsumerGroup)).WithLogging(loggers).Build();
        consumer.Subscribe(WebhookEventTypes.All);

        // The fan-out is asynchronous; this thread waits for it as the Processor's loop waits for its slots, so a batch's
        // offsets are stored only once its deliveries are committed.
        using var fannedOut = new SemaphoreSlim(0);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var batch = Take(consumer);
                if (batch.Count == 0)
                {
                    continue;
                }

                var fanOut = FanOutAsync(batch, stoppingToken);
                _ = fanOut.ContinueWith(_ => fannedOut.Release(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                fannedOut.Wait(CancellationToken.None);
                if (fanOut.Exception is { } fault)
                {
                    throw new InvalidOperationException("Fanning out a batch of payment events failed; its offsets are not stored.", fault.GetBaseException());
                }

                if (fanOut.IsCanceled)
                {
                    // Stopping: the batch is not stored, so it is redelivered.
                    break;
                }

                Store(consumer, batch);
            }
        }
        finally
        {
            consumer.Close();
        }
    }

    /// <summary>The records that have arrived, up to <see cref="BatchSize"/>; waits up to <see cref="PollTimeout"/> for the first.</summary>
    private List<ConsumeResult<string, string>> Take(IConsumer<string, string> consumer)
    {
        var batch = new List<ConsumeResult<string, string>>();
        try
        {
            var next = consumer.Consume(PollTimeout);
            while (next is not null)
            {
                batch.Add(next);
                next = batch.Count < BatchSize ? consumer.Consume(TimeSpan.Zero) : null;
            }
        }
        catch (ConsumeException exception) when (!exception.Error.IsFatal)
        {
            LogConsumeFailed(exception.Error.Reason);
        }

        return batch;
    }

    private async Task FanOutAsync(List<ConsumeResult<string, string>> batch, CancellationToken stoppingToken)
    {
        var events = new List<PaymentEvent>(batch.Count);
        foreach (var record in batch)
        {
            try
            {
                var traceParent = record.Message.Headers?.TryGetLastBytes("traceparent", out var bytes) == true ? Encoding.ASCII.GetString(bytes) : null;
                events.Add(PaymentEvent.Read(record.Topic, record.Message.Value, traceParent));
            }
            catch (JsonException exception)
            {
                // A record its topic's producers never write; nothing can be sent for it.
                LogUnreadable(exception, record.Topic, record.TopicPartitionOffset.ToString());
            }
        }

        while (true)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var created = await scope.ServiceProvider.GetRequiredService<WebhookFanout>().FanOutAsync(events, stoppingToken);
                foreach (var (delivery, paymentEvent) in created)
                {
                    if (paymentEvent.TraceParent is { } traceParent)
                    {
                        traces.Remember(delivery.Id, traceParent);
                    }
                }

                if (created.Count > 0)
                {
                    signal.Pulse();
                    LogFannedOut(created.Count, events.Count);
                }

                return;
            }
            catch (Exception exception) when (exception is DbException or DbUpdateException or RetryLimitExceededException && !stoppingToken.IsCancellationRequested)
            {
                // PostgreSQL down, or another instance inserting the same deliveries at the same moment (the unique index
                // refuses the second): the next try finds them.
                LogFanOutFailed(exception, events.Count);
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
        }
    }

    /// <summary>Stores each partition's position past the batch; the consumer commits it. A partition lost meanwhile refuses, and its new owner redelivers.</summary>
    private void Store(IConsumer<string, string> consumer, List<ConsumeResult<string, string>> batch)
    {
        foreach (var last in batch.GroupBy(record => record.TopicPartition).Select(partition => partition.MaxBy(record => record.Offset.Value)!))
        {
            try
            {
                consumer.StoreOffset(last);
            }
            catch (KafkaException exception)
            {
                LogStoreRefused(last.TopicPartition.ToString(), exception.Error.Reason);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Deliveries} webhook deliveries created for {Events} events")]
    private partial void LogFannedOut(int deliveries, int events);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating the deliveries of {Events} events failed; trying again")]
    private partial void LogFanOutFailed(Exception exception, int events);

    [LoggerMessage(Level = LogLevel.Error, Message = "Record {Position} of {Topic} is not its topic's event; skipped")]
    private partial void LogUnreadable(Exception exception, string topic, string position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consuming payment events failed ({Reason}); the consumer carries on")]
    private partial void LogConsumeFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offset of {Partition} not stored ({Reason}); its new owner redelivers from the last commit")]
    private partial void LogStoreRefused(string partition, string reason);
}
