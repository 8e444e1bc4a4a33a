using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniPg.Domain.Events;
using MiniPg.Infrastructure.Cards;
using MiniPg.Infrastructure.Idempotency;
using MiniPg.Infrastructure.Outbox;
using MiniPg.Settlement.Retention;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Settlement;

public sealed class RetentionJobTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task Rows_past_their_period_are_deleted_and_everything_else_is_kept()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var now = TimeProvider.System.GetUtcNow();
        var (oldPublished, freshPublished, oldUnpublished) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        var (oldCard, freshCard) = ($"tok_old_{Guid.NewGuid():N}", $"tok_new_{Guid.NewGuid():N}");
        await using (var db = infrastructure.CreateDbContext())
        {
            db.OutboxMessages.AddRange(Row(oldPublished, now.AddDays(-9), publishedAt: now.AddDays(-8)), Row(freshPublished, now.AddDays(-1), publishedAt: now.AddDays(-1)), Row(oldUnpublished, now.AddDays(-40), publishedAt: null));
            db.IdempotencyRecords.AddRange(Record(merchant, "key-old", now.AddDays(-31)), Record(merchant, "key-fresh", now.AddDays(-29)));
            db.VaultedCards.AddRange(new VaultedCard(oldCard, [1, 2, 3], now.AddDays(-2)), new VaultedCard(freshCard, [1, 2, 3], now.AddMinutes(-5)));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var settlement = new SettlementServiceFactory(infrastructure, allowOpenDay: false);
        await settlement.Services.GetRequiredService<RetentionJob>().PurgeAsync(TestContext.Current.CancellationToken);

        await using var after = infrastructure.CreateDbContext();
        var outbox = await after.OutboxMessages.AsNoTracking().Where(m => new[] { oldPublished, freshPublished, oldUnpublished }.Contains(m.Id)).Select(m => m.Id).ToListAsync(TestContext.Current.CancellationToken);
        var keys = await after.IdempotencyRecords.AsNoTracking().Where(r => r.MerchantId == merchant.Id).Select(r => r.IdempotencyKey).ToListAsync(TestContext.Current.CancellationToken);
        var cards = await after.VaultedCards.AsNoTracking().Where(c => c.Token == oldCard || c.Token == freshCard).Select(c => c.Token).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new[] { freshPublished, oldUnpublished }.Order(), outbox.Order());
        Assert.Equal(["key-fresh"], keys);
        Assert.Equal([freshCard], cards);
    }

    private static OutboxMessage Row(Guid id, DateTimeOffset createdAt, DateTimeOffset? publishedAt)
    {
        var row = new OutboxMessage(id, Topics.PaymentCompleted, id.ToString(), "{}", null, createdAt);
        if (publishedAt is { } at)
        {
            row.MarkPublished(at);
        }
        else
        {
            // Failing for weeks, and not due again before the test ends: the relay leaves it alone.
            row.MarkFailed("broker unreachable", TimeProvider.System.GetUtcNow().AddDays(1));
        }

        return row;
    }

    private static IdempotencyRecord Record(TestMerchant merchant, string key, DateTimeOffset createdAt) =>
        new(merchant.Id, key, "fingerprint", 202, null, [], createdAt);
}
