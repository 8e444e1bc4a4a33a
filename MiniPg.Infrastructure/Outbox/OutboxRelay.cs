using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Infrastructure.Outbox;

/// <summary>
/// Publishes outbox rows to Kafka. Each round claims a batch with <c>FOR UPDATE SKIP LOCKED</c> (so several relays,
/// one per API or Processor instance, never publish the same row at once), sends it, waits for Kafka's acknowledgement of
/// every record, and marks the rows published (one statement) or failed-with-back-off in the same transaction. A row is
/// never skipped: it stays until Kafka takes it.
/// Delivery is at least once (a crash after the send and before the commit sends again); consumers drop duplicates.
/// </summary>
public sealed partial class OutboxRelay(IServiceScopeFactory scopes, IProducer<string, string> producer, TimeProvider time, ILogger<OutboxRelay> logger) : BackgroundService
{
    public const int BatchSize = 500;
    private static readonly ActivitySource Activities = new("MiniPg.Outbox");
    private static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var committed = OutboxSignal.Instance.NextPulse;
            int published;
            try
            {
                published = await PublishBatchAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(exception);
                published = 0;
            }

            if (published == 0)
            {
                // Idle until a row is committed in this process, or the next tick for rows written elsewhere.
                await Task.WhenAny(committed, Task.Delay(IdleDelay, time, stoppingToken));
            }
        }
    }

    /// <summary>One round: returns how many rows were published.</summary>
    public async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MiniPgDbContext>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = time.GetUtcNowForStorage();
            var batch = await db.OutboxMessages
                .FromSql($"""
                    SELECT * FROM outbox
                    WHERE published_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= {now})
                    ORDER BY created_at
                    LIMIT {BatchSize}
                    FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return 0;
            }

            var errors = await SendAsync(batch, cancellationToken);
            var sentAt = time.GetUtcNowForStorage();
            var published = new List<Guid>(batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                if (errors[i] is { } error)
                {
                    batch[i].MarkFailed(error, sentAt);
                }
                else
                {
                    published.Add(batch[i].Id);
                }
            }

            // One statement marks every row Kafka took, however large the batch; the rare failures go through the entity.
            if (published.Count > 0)
            {
                await db.OutboxMessages.Where(message => published.Contains(message.Id)).ExecuteUpdateAsync(
                    set => set.SetProperty(message => message.PublishedAt, sentAt).SetProperty(message => message.Attempts, message => message.Attempts + 1)
                        .SetProperty(message => message.LastError, (string?)null),
                    cancellationToken);
            }

            var failed = batch.Count - published.Count;
            if (failed > 0)
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            if (failed > 0)
            {
                LogPublishFailed(failed, batch.Count, errors.First(error => error is not null)!);
            }

            return published.Count;
        });
    }

    /// <summary>Sends the whole batch and returns each row's error (null when Kafka has it) once every record is reported.</summary>
    private async Task<string?[]> SendAsync(List<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        var errors = new string?[batch.Count];
        var pending = batch.Count;
        var allReported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < batch.Count; i++)
        {
            var index = i;
            var row = batch[i];
            var message = new Message<string, string> { Key = row.MessageKey, Value = row.Payload, Headers = [] };

            // The span continues the trace of the request that wrote the row, and the record carries it on to the consumer.
            using var activity = Activities.StartActivity($"{row.Topic} publish", ActivityKind.Producer, row.TraceParent);
            activity?.SetTag("messaging.system", "kafka");
            activity?.SetTag("messaging.destination.name", row.Topic);
            if ((activity?.Id ?? row.TraceParent) is { } traceParent)
            {
                message.Headers.Add("traceparent", Encoding.ASCII.GetBytes(traceParent));
            }

            try
            {
                producer.Produce(row.Topic, message, report =>
                {
                    errors[index] = report.Error.IsError ? report.Error.Reason : null;
                    if (Interlocked.Decrement(ref pending) == 0)
                    {
                        allReported.TrySetResult();
                    }
                });
            }
            catch (ProduceException<string, string> exception)
            {
                errors[index] = exception.Error.Reason;
                if (Interlocked.Decrement(ref pending) == 0)
                {
                    allReported.TrySetResult();
                }
            }
        }

        // No Flush: it blocks the calling thread, and returned 10 ms after the send in ADR 34's probe. Each record's
        // delivery report is its acknowledgement, and a record is reported failed after MessageTimeoutMs at the latest.
        await allReported.Task.WaitAsync(cancellationToken);
        return errors;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay: {Failed} of {Total} rows not published, retried later: {Error}")]
    private partial void LogPublishFailed(int failed, int total, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay round failed; retrying")]
    private partial void LogRoundFailed(Exception exception);
}
