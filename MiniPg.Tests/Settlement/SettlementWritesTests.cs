using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Caching;
using MiniPg.Settlement.Runs;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Settlement;

/// <summary>
/// What the set-based merchant step writes (items by COPY, payments by one UPDATE, the cache from the updated rows)
/// must be what settling each payment through its aggregate wrote (docs/decisions/0032-set-based-settlement.md).
/// </summary>
[Collection(nameof(SettlementTests))]
public sealed class SettlementWritesTests(SettlementFixture settlement)
{
    private PaymentResourceCache Cache => settlement.Infrastructure.Api.Services.GetRequiredService<PaymentResourceCache>();

    [Fact]
    public async Task Settling_advances_each_revision_by_one_and_caches_the_resource_the_api_would_serve()
    {
        var date = settlement.NextBusinessDate();
        var merchant = await TestMerchant.CreateAsync(settlement.Infrastructure);
        var payments = new List<Payment>();
        for (var amount = 1_000; amount <= 3_000; amount += 1_000)
        {
            payments.Add(await settlement.ApprovedPaymentAsync(merchant, amount, SettlementFixture.KstTime(date, 9, amount / 1_000)));
        }

        // The cache holds each APPROVED resource, as a merchant's GET would have left it.
        foreach (var payment in payments)
        {
            await Cache.SetAsync(payment, PaymentResource.JsonOf(payment));
        }

        await settlement.RunAsync(date);

        foreach (var approved in payments)
        {
            var settled = await settlement.PaymentAsync(approved.Id);
            Assert.Equal((PaymentStatus.Settled, approved.Revision + 1), (settled.Status, settled.Revision));
            Assert.NotNull(settled.SettledAt);
            Assert.Equal(PaymentResource.JsonOf(settled), await Cache.GetAsync(merchant.Id, approved.Id));
        }
    }

    [Fact]
    public async Task A_reader_that_loaded_a_payment_before_it_was_settled_cannot_cache_that_copy_afterwards()
    {
        var date = settlement.NextBusinessDate();
        var merchant = await TestMerchant.CreateAsync(settlement.Infrastructure);
        var approved = await settlement.ApprovedPaymentAsync(merchant, 34_000, SettlementFixture.KstTime(date, 9));

        await settlement.RunAsync(date);
        // A GET that missed the cache and read the row before the merchant committed writes its copy only now.
        await Cache.SetAsync(approved, PaymentResource.JsonOf(approved));
        var afterTheLateCopy = await Cache.GetAsync(merchant.Id, approved.Id);
        // A GET that reads the row now caches it, as before settlement.
        var settled = await settlement.PaymentAsync(approved.Id);
        await Cache.SetAsync(settled, PaymentResource.JsonOf(settled));

        Assert.Null(afterTheLateCopy);
        Assert.Equal(PaymentResource.JsonOf(settled), await Cache.GetAsync(merchant.Id, approved.Id));
    }

    [Fact]
    public async Task A_payment_cancelled_while_its_merchant_settles_stays_cancelled_and_its_cancel_nets_in_the_next_run()
    {
        var date = settlement.NextBusinessDate();
        var merchant = await TestMerchant.CreateAsync(settlement.Infrastructure);
        var cancelled = await settlement.ApprovedPaymentAsync(merchant, 34_000, SettlementFixture.KstTime(date, 9));
        var kept = await settlement.ApprovedPaymentAsync(merchant, 10_000, SettlementFixture.KstTime(date, 10));

        // The cancel holds the payment's row, uncommitted, while the run loads its candidates (it still sees APPROVED)
        // and reaches the merchant's UPDATE, which waits for the row; then the cancel commits.
        await using var canceller = settlement.Infrastructure.CreateDbContext();
        var summary = await canceller.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var cancel = await canceller.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
            var payment = await canceller.Payments.SingleAsync(p => p.Id == cancelled.Id, TestContext.Current.CancellationToken);
            payment.Cancel(Guid.NewGuid(), null, "returned", SettlementFixture.KstTime(date, 12));
            payment.ClearPendingEvents();
            await canceller.SaveChangesAsync(TestContext.Current.CancellationToken);
            var run = settlement.RunAsync(date);
            await WaitUntilAnUpdateOfPaymentsWaitsForALockAsync();
            await cancel.CommitAsync(TestContext.Current.CancellationToken);
            return await run;
        });

        var afterCancel = await settlement.PaymentAsync(cancelled.Id);
        var afterSettle = await settlement.PaymentAsync(kept.Id);
        Assert.Equal((PaymentStatus.Cancelled, 2, (DateTimeOffset?)null), (afterCancel.Status, afterCancel.Revision, afterCancel.SettledAt));
        Assert.Equal((PaymentStatus.Settled, 2), (afterSettle.Status, afterSettle.Revision));
        var line = Assert.Single(summary.Lines, l => l.MerchantId == merchant.Id.Value);
        Assert.Equal(("COMPLETED", 44_000L, 2), (summary.Status, line.GrossAmount, line.PaymentCount));
        var next = Assert.Single((await settlement.RunAsync(date.AddDays(1))).Lines, l => l.MerchantId == merchant.Id.Value);
        Assert.Equal((0L, 34_000L, -860L), (next.GrossAmount, next.CancelledAmount, next.FeeAmount));
    }

    [Fact]
    public async Task A_line_without_items_and_items_without_a_line_both_fail_the_check()
    {
        var date = settlement.NextBusinessDate();
        var withoutItems = await TestMerchant.CreateAsync(settlement.Infrastructure);
        var withoutLine = await TestMerchant.CreateAsync(settlement.Infrastructure);
        await settlement.ApprovedPaymentAsync(withoutItems, 34_000, SettlementFixture.KstTime(date, 9));
        await settlement.ApprovedPaymentAsync(withoutLine, 12_000, SettlementFixture.KstTime(date, 9));
        await settlement.RunAsync(date);
        await using var db = settlement.Infrastructure.CreateDbContext();
        var elsewhere = date.AddDays(6);
        await db.Database.ExecuteSqlAsync(
            $"UPDATE settlement_items SET business_date = {elsewhere} WHERE business_date = {date} AND merchant_id = {withoutItems.Id.Value}",
            TestContext.Current.CancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"DELETE FROM settlement_lines WHERE business_date = {date} AND merchant_id = {withoutLine.Id.Value}",
            TestContext.Current.CancellationToken);

        var failure = await Assert.ThrowsAsync<SettlementInvariantViolatedException>(() => settlement.Runner(db).VerifyAsync(date, TestContext.Current.CancellationToken));

        string[] expected = [$"merchant {withoutItems.Id} has a line but no items", $"merchant {withoutLine.Id} has items but no line"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), failure.Violations.Order(StringComparer.Ordinal));
    }

    private async Task WaitUntilAnUpdateOfPaymentsWaitsForALockAsync()
    {
        await using var db = settlement.Infrastructure.CreateDbContext();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var waiting = await db.Database.SqlQuery<int>(
                $"SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE payments SET status%'")
                .SingleAsync(TestContext.Current.CancellationToken);
            if (waiting > 0)
            {
                return;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Fail("The run's UPDATE never waited for the cancel's lock.");
    }
}
