using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniPg.Infrastructure.Hosting;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Settlement.Retention;

public sealed record RetentionReport(int PublishedOutbox, int IdempotencyRecords, int VaultedCards);

/// <summary>
/// Deletes, every <see cref="RetentionOptions.Interval"/>, the rows that have served their purpose: published outbox
/// rows, idempotency records and forgotten vaulted cards past their periods. Each table is cut in batches along an index
/// (<c>ix_outbox_published</c>, <c>ix_idempotency_records_created_at</c>, <c>ix_card_vault_created_at</c>), so a purge
/// never locks much at once; an unpublished outbox row is never deleted, whatever its age.
/// </summary>
public sealed partial class RetentionJob(
    IServiceScopeFactory scopes,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionJob> logger) : RecurringJob(time, logger)
{
    private const int BatchSize = 5_000;

    protected override TimeSpan Interval => options.Value.Interval;

    protected override async Task RunRoundAsync(CancellationToken cancellationToken)
    {
        var report = await PurgeAsync(cancellationToken);
        LogPurged(Logger, report.PublishedOutbox, report.IdempotencyRecords, report.VaultedCards);
    }

    public async Task<RetentionReport> PurgeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MiniPgDbContext>();
        var now = Time.GetUtcNowForStorage();
        var retention = options.Value;
        var outboxBefore = now - retention.PublishedOutbox;
        var recordsBefore = now - retention.IdempotencyRecords;
        var cardsBefore = now - retention.VaultedCards;
        return new RetentionReport(
            await InBatchesAsync(() => db.OutboxMessages.Where(m => m.PublishedAt < outboxBefore).OrderBy(m => m.PublishedAt).Take(BatchSize).ExecuteDeleteAsync(cancellationToken)),
            await InBatchesAsync(() => db.IdempotencyRecords.Where(r => r.CreatedAt < recordsBefore).OrderBy(r => r.CreatedAt).Take(BatchSize).ExecuteDeleteAsync(cancellationToken)),
            await InBatchesAsync(() => db.VaultedCards.Where(c => c.CreatedAt < cardsBefore).OrderBy(c => c.CreatedAt).Take(BatchSize).ExecuteDeleteAsync(cancellationToken)));
    }

    private static async Task<int> InBatchesAsync(Func<Task<int>> deleteBatch)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await deleteBatch();
            total += deleted;
        }
        while (deleted == BatchSize);

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Outbox} published outbox rows, {Records} idempotency records, {Cards} vaulted cards")]
    private static partial void LogPurged(ILogger logger, int outbox, int records, int cards);
}
