using Microsoft.EntityFrameworkCore;
using MiniPg.Domain.Cards;
using MiniPg.Domain.Events;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Idempotency;
using MiniPg.Infrastructure.Outbox;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Infrastructure;

/// <summary>An aggregate's events reach the outbox however it is saved, and only once.</summary>
public sealed class OutboxInterceptorTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_synchronous_save_writes_the_payments_event_to_the_outbox_and_clears_it()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var payment = NewPayment(merchant);
        var eventId = payment.PendingEvents.Single().EventId;

        using (var db = infrastructure.CreateDbContext())
        {
            db.Payments.Add(payment);
            db.SaveChanges();
        }

        await using var check = infrastructure.CreateDbContext();
        var row = await check.OutboxMessages.AsNoTracking().SingleAsync(message => message.MessageKey == payment.Id.ToString(), TestContext.Current.CancellationToken);
        Assert.Equal((eventId, Topics.PaymentRequested), (row.Id, row.Topic));
        Assert.Empty(payment.PendingEvents);
    }

    [Fact]
    public async Task A_committed_save_with_outbox_rows_wakes_the_relays_before_it_returns()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var pulse = OutboxSignal.Instance.NextPulse;

        await using (var db = infrastructure.CreateDbContext())
        {
            db.Payments.Add(NewPayment(merchant));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.True(pulse.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_save_that_failed_and_is_tried_again_writes_each_event_once()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        await using (var first = infrastructure.CreateDbContext())
        {
            first.IdempotencyRecords.Add(Record(merchant, "taken"));
            await first.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var payment = NewPayment(merchant);
        await using (var db = infrastructure.CreateDbContext())
        {
            db.Payments.Add(payment);
            var duplicate = db.IdempotencyRecords.Add(Record(merchant, "taken"));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
            Assert.Single(payment.PendingEvents);

            duplicate.State = EntityState.Detached;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var check = infrastructure.CreateDbContext();
        Assert.Equal(1, await check.OutboxMessages.CountAsync(message => message.MessageKey == payment.Id.ToString(), TestContext.Current.CancellationToken));
        Assert.Empty(payment.PendingEvents);
    }

    private static Payment NewPayment(TestMerchant merchant) => Payment.Request(
        PaymentId.New(TimeProvider.System),
        merchant.Id,
        "outbox",
        "Outbox",
        new Won(1_000),
        CardNumber.Parse(TestCards.Approved).Summarize($"tok_{Guid.NewGuid():N}"),
        TimeProvider.System.GetUtcNow());

    private static IdempotencyRecord Record(TestMerchant merchant, string key) =>
        new(merchant.Id, key, "fingerprint", 202, null, [], TimeProvider.System.GetUtcNow());
}
