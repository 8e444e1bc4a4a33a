using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using MiniPg.Domain.Events;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Messaging;
using MiniPg.Infrastructure.Persistence;
using MiniPg.Processor.Authorization;

namespace MiniPg.Processor.Consuming;

/// <summary>
/// Transport only: takes <c>payment.requested</c> (and its retry topic) from Kafka, runs the business step for each
/// message as soon as it arrives (up to <see cref="ProcessorOptions.Concurrency"/> at once, each in its own DI scope),
/// routes "retry later" to the retry topic and poison to the dead-letter topic, and only then lets its offset be stored
/// (<see cref="HandledOffsets"/>). A crash redelivers what was not handled, which the step and the acquirer both treat
/// as a duplicate. A retry scheduled and a dead-lettering are recorded on the payment's timeline once forwarded.
/// </summary>
public sealed partial class PaymentRequestedConsumer(
    IServiceScopeFactory scopes,
    IProducer<string, string> producer,
    ProcessingActivities activities,
    IOptions<ProcessorOptions> options,
    IOptions<KafkaSettings> kafka,
    TimeProvider time,
    ILoggerFactory loggers,
    ILogger<PaymentRequestedConsumer> logger) : BackgroundService
{
    private static readonly ActivitySource Activities = new("MiniPg.Processor");
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Two loops, each on its own thread with its own consumer: the main topic never waits behind a retry's back-off.
    /// </summary>
    /// <remarks>
    /// Dedicated threads, not the thread pool's: <c>Consume</c> blocks, and two pool threads held for good would leave
    /// a two-core machine's pool (two threads to begin with) nothing for the messages' own work until it grows.
    /// </remarks>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        OnOwnThread(() => Consume(Topics.PaymentRequested, options.Value.ConsumerGroup, stoppingToken), stoppingToken),
        OnOwnThread(() => Consume(Topics.PaymentRequestedRetry, $"{options.Value.ConsumerGroup}-retry", stoppingToken), stoppingToken));

    private static Task OnOwnThread(Action loop, CancellationToken stoppingToken) =>
        Task.Factory.StartNew(loop, stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Consume(string topic, string group, CancellationToken stoppingToken)
    {
        var offsets = new HandledOffsets();
        using var consumer = new ConsumerBuilder<string, string>(kafka.Value.StoredOffsetConsumer(group)).WithLogging(loggers)
            .SetPartitionsRevokedHandler((revoking, revoked) =>
            {
                // Still the owner here: keep what is done, then let the new owner redeliver what is still running.
                StoreHandled(revoking, offsets);
                offsets.GiveUp(revoked.Select(partition => partition.TopicPartition));
            })
            .Build();
        consumer.Subscribe(topic);
        // A slot per message in hand: the loop takes one before consuming, and a message gives its slot back once handled.
        using var slots = new SemaphoreSlim(options.Value.Concurrency);
        Exception? fault = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested && Volatile.Read(ref fault) is null)
            {
                slots.Wait(stoppingToken);
                ConsumeResult<string, string>? message;
                try
                {
                    message = consumer.Consume(PollTimeout);
                    StoreHandled(consumer, offsets);
                }
                catch
                {
                    slots.Release();
                    throw;
                }

                if (message is null)
                {
                    slots.Release();
                    continue;
                }

                var ticket = offsets.Started(message.TopicPartitionOffset);
                _ = HandleAsync(message, stoppingToken).ContinueWith(
                    handled =>
                    {
                        if (handled.IsCompletedSuccessfully)
                        {
                            offsets.Handled(ticket);
                        }
                        else if (handled.Exception is { } exception && !stoppingToken.IsCancellationRequested)
                        {
                            Interlocked.CompareExchange(ref fault, exception.GetBaseException(), null);
                        }

                        slots.Release();
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still running is not stored, so it is redelivered.
        }
        finally
        {
            // Every slot back means every message in hand is finished.
            for (var slot = 0; slot < options.Value.Concurrency; slot++)
            {
                slots.Wait(CancellationToken.None);
            }

            StoreHandled(consumer, offsets);
            consumer.Close();
        }

        if (fault is not null)
        {
            throw new InvalidOperationException($"Handling a {topic} message failed; its offset is not stored.", fault);
        }
    }

    /// <summary>
    /// Stores each partition's position past the messages handled so far; the consumer commits stored positions on its
    /// own. A partition lost meanwhile refuses the store, and its new owner redelivers.
    /// </summary>
    private void StoreHandled(IConsumer<string, string> consumer, HandledOffsets offsets)
    {
        foreach (var position in offsets.TakeStorable())
        {
            try
            {
                consumer.StoreOffset(position);
            }
            catch (KafkaException exception)
            {
                LogStoreRefused(position.TopicPartition.ToString(), exception.Error.Reason);
            }
        }
    }

    private async Task HandleAsync(ConsumeResult<string, string> message, CancellationToken stoppingToken)
    {
        var headers = message.Message.Headers;
        var attempt = RetryHeaders.AttemptOf(headers);
        using var activity = Activities.StartActivity("process payment.requested", ActivityKind.Consumer, RetryHeaders.Read(headers, RetryHeaders.TraceParent));
        if (RetryHeaders.NotBeforeOf(headers) is { } notBefore && notBefore > time.GetUtcNow())
        {
            await Task.Delay(notBefore - time.GetUtcNow(), time, stoppingToken);
        }

        AuthorizationOutcome outcome;
        try
        {
            var requested = EventSerializer.Deserialize<PaymentRequested>(message.Message.Value);
            await using var scope = scopes.CreateAsyncScope();
            outcome = await scope.ServiceProvider.GetRequiredService<PaymentAuthorizer>()
                .AuthorizeAsync(requested, attempt, lastAttempt: attempt >= options.Value.MaxAttempts, stoppingToken);
        }
        catch (JsonException exception)
        {
            outcome = new AuthorizationOutcome.Poison($"Not a payment.requested event: {exception.Message}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A bug or an outage (PostgreSQL down): bounded retries, then the dead-letter topic. Never dropped.
            LogUnexpected(exception, message.Message.Key);
            outcome = new AuthorizationOutcome.RetryLater(exception.Message);
        }

        switch (outcome)
        {
            case AuthorizationOutcome.Done done:
                LogDone(message.Message.Key, done.Result);
                break;
            case AuthorizationOutcome.RetryLater retry when attempt < options.Value.MaxAttempts:
                await ForwardAsync(Topics.PaymentRequestedRetry, message, retry.Reason, attempt + 1, stoppingToken);
                break;
            case AuthorizationOutcome.RetryLater retry:
                await ForwardAsync(Topics.PaymentRequestedDeadLetter, message, $"gave up after {attempt} attempts: {retry.Reason}", attempt, stoppingToken);
                break;
            case AuthorizationOutcome.Poison poison:
                await ForwardAsync(Topics.PaymentRequestedDeadLetter, message, poison.Reason, attempt, stoppingToken);
                break;
        }
    }

    private async Task ForwardAsync(string topic, ConsumeResult<string, string> message, string reason, int attempt, CancellationToken stoppingToken)
    {
        // Taken before the record is written, so the activity precedes, in time, whatever the forwarded record causes.
        var now = time.GetUtcNowForStorage();
        var notBefore = now + (topic == Topics.PaymentRequestedRetry ? RetryBackoff.BeforeAttempt(attempt, options.Value.RetryDelay) : TimeSpan.Zero);
        var headers = RetryHeaders.With(
            message.Message.Headers,
            (RetryHeaders.Attempt, attempt.ToString(CultureInfo.InvariantCulture)),
            (RetryHeaders.NotBefore, notBefore.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            (RetryHeaders.Error, reason.Length > 1000 ? reason[..1000] : reason),
            (RetryHeaders.OriginalTopic, RetryHeaders.Read(message.Message.Headers, RetryHeaders.OriginalTopic) ?? message.Topic));
        await producer.ProduceAsync(topic, new Message<string, string> { Key = message.Message.Key, Value = message.Message.Value, Headers = headers }, stoppingToken);
        if (topic == Topics.PaymentRequestedDeadLetter)
        {
            LogDeadLettered(message.Message.Key, reason);
            await activities.RecordAsync(
                message.Message.Key, paymentId => PaymentActivity.Happened(paymentId, PaymentActivityKinds.DeadLettered, now, null, reason, attempt), stoppingToken);
        }
        else
        {
            LogRetrying(message.Message.Key, attempt, reason);
            await activities.RecordAsync(
                message.Message.Key, paymentId => PaymentActivity.RetryScheduled(paymentId, now, attempt, notBefore, reason), stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offset of {Partition} not stored ({Reason}); its new owner redelivers from the last commit")]
    private partial void LogStoreRefused(string partition, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment {PaymentId}: {Result}")]
    private partial void LogDone(string paymentId, string result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentId}: attempt {Attempt} scheduled ({Reason})")]
    private partial void LogRetrying(string paymentId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Payment {PaymentId}: dead-lettered ({Reason})")]
    private partial void LogDeadLettered(string paymentId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Payment {PaymentId}: unexpected error, will retry")]
    private partial void LogUnexpected(Exception exception, string paymentId);
}
