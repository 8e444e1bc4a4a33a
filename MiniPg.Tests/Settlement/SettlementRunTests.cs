using Microsoft.EntityFrameworkCore;
using MiniPg.Domain.Calendar;
using MiniPg.Domain.Fees;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Settlement;
using MiniPg.Settlement.Runs;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Settlement;

[Collection(nameof(SettlementTests))]
public sealed class SettlementRunTests(SettlementFixture settlement)
{
    [Fact]
    public async Task One_34000_won_payment_at_2_3_percent_settles_to_the_toss_figures()
    {
        var date = settlement.NextBusinessDate();
        var merchant = await TestMerchant.CreateAsync(settlement.Infrastructure);
        var payment = await settlement.ApprovedPaymentAsync(merchant, 34_000, SettlementFixture.KstTime(date, 10));

        var summary = await settlement.RunAsync(date);

        var line = Assert.Single(summary.Lines, l => l.MerchantId == merchant.Id.Value);
        Assert.Equal((34_000L, 0L, 34_000L, 860L, 78L, 33_140L, 1), (line.GrossAmount, line.CancelledAmount, line.TotalAmount, line.FeeAmount, line.FeeVat, line.NetAmount, line.PaymentCount));
        Assert.Equal(BusinessCalendar.PayoutDate(date, 2), line.PayoutDate);
        Assert.Equal("COMPLETED", summary.Status);
        Assert.Equal(PaymentStatus.Settled, (await settlement.PaymentAsync(payment.Id)).Status);
    }

    [Fact]
    public async Task A_second_run_of_a_date_is_a_no_op_that_returns_the_same_result()
    {
        var date = settlement.NextBusinessDate();
        var merchant = await TestMerchant.CreateAsync(settlement.Infrastructure);
        await settlement.ApprovedPaymentAsync(merchant, 10_000, SettlementFixture.KstTime(date, 9));
        var first = await settlement.RunAsync(date);
        await settlement.ApprovedPaymentAsync(merchant, 5_000, SettlementFixture.KstTime(date, 11));

        var second = await settlement.RunAsync(date);

        Assert.Equal(first.Lines, second.Lines);
        Assert.Equal(first.Totals, second.Totals);
        await using var db = settlement.Infrastructure.CreateDbContext();
        Assert.Equal(1, await db.SettlementItems.CountAsync(item => item.MerchantId == merchant.Id, TestContext.Current.CancellationToken));

        // The late approval belongs to the next run: settle it on this test's next day, or a later test's run takes it in.
        await settlement.RunAsync(date.AddDays(1));
    }

    [Fact]
    public async Task A_late_approval_of_a_settled_date_rolls_into_the_next_run()
    {
        var date = settlement.NextBusinessDate();
        var merchant = await TestMerchant.CreateAsync(settlement.Infrastructure);
        await settlement.ApprovedPaymentAsync(merchant, 10_000, SettlementFixture.KstTime(date, 9));
        await settlement.RunAsync(date);
        var late = await settlement.ApprovedPaymentAsync(merchant, 7_000, SettlementFixture.KstTime(date, 23, 30));

        var next = await settlement.RunAsync(date.AddDays(1));

        var line = Assert.Single(next.Lines, l => l.MerchantId == merchant.Id.Value);
        Assert.Equal((7_000L, 1), (line.GrossAmount, line.PaymentCount));
        Assert.Equal(PaymentStatus.Settled, (await settlement.PaymentAsync(late.Id)).Status);
    }

    [Fact]
    public async Task The_business_date_ends_at_midnight_kst()
    {
        var date = settlement.NextBusinessDate();
        var merchant = await TestMerchant.CreateAsync(settlement.Infrastructure);
        var lastSecond = await settlement.ApprovedPaymentAsync(merchant, 1_000, SettlementFixture.KstTime(date, 23, 59, 59));
        var nextDay = await settlement.ApprovedPaymentAsync(merchant, 2_000, SettlementFixture.KstTime(date.AddDays(1), 0));

        var summary = await settlement.RunAsync(date);

        Assert.Equal(1_000, Assert.Single(summary.Lines, l => l.MerchantId == merchant.Id.Value).GrossAmount);
        Assert.Equal(PaymentStatus.Settled, (await settlement.PaymentAsync(lastSecond.Id)).Status);
        Assert.Equal(PaymentStatus.Approved, (await settlement.PaymentAsync(nextDay.Id)).Status);
    }

    [Fact]
    public async Task A_cancel_after_settlement_is_a_negative_line_in_the_next_run_not_an_edit_of_the_past()
    {
        var date = settlement.NextBusinessDate();
        var merchant = await TestMerchant.CreateAsync(settlement.Infrastructure);
        var payment = await settlement.ApprovedPaymentAsync(merchant, 10_000, SettlementFixture.KstTime(date, 9));
        var settled = await settlement.RunAsync(date);
        await settlement.CancelAsync(payment.Id, 3_000, SettlementFixture.KstTime(date.AddDays(1), 10));

        var next = await settlement.RunAsync(date.AddDays(1));

        var line = Assert.Single(next.Lines, l => l.MerchantId == merchant.Id.Value);
        Assert.Equal((0L, 3_000L, -3_000L, -75L, -6L, -2_925L, 0), (line.GrossAmount, line.CancelledAmount, line.TotalAmount, line.FeeAmount, line.FeeVat, line.NetAmount, line.PaymentCount));
        var again = await settlement.RunAsync(date);
        Assert.Equal(settled.Lines, again.Lines);
    }

    [Fact]
    public async Task A_payment_cancelled_before_its_settlement_nets_to_zero_in_the_same_run()
    {
        var date = settlement.NextBusinessDate();
        var merchant = await TestMerchant.CreateAsync(settlement.Infrastructure);
        var payment = await settlement.ApprovedPaymentAsync(merchant, 34_000, SettlementFixture.KstTime(date, 9));
        await settlement.CancelAsync(payment.Id, null, SettlementFixture.KstTime(date, 12));

        var summary = await settlement.RunAsync(date);

        var line = Assert.Single(summary.Lines, l => l.MerchantId == merchant.Id.Value);
        Assert.Equal((34_000L, 34_000L, 0L, 0L, 0L), (line.GrossAmount, line.CancelledAmount, line.TotalAmount, line.FeeAmount, line.NetAmount));
        Assert.Equal(PaymentStatus.Cancelled, (await settlement.PaymentAsync(payment.Id)).Status);
    }

    [Fact]
    public async Task A_run_killed_halfway_resumes_to_the_same_totals()
    {
        var date = settlement.NextBusinessDate();
        var first = await TestMerchant.CreateAsync(settlement.Infrastructure);
        var second = await TestMerchant.CreateAsync(settlement.Infrastructure);
        List<Payment> payments =
        [
            await settlement.ApprovedPaymentAsync(first, 34_000, SettlementFixture.KstTime(date, 9)),
            await settlement.ApprovedPaymentAsync(second, 12_345, SettlementFixture.KstTime(date, 9)),
            await settlement.ApprovedPaymentAsync(second, 1, SettlementFixture.KstTime(date, 10)),
        ];

        await Assert.ThrowsAsync<SimulatedCrash>(() => settlement.RunAsync(date, new CrashAfterFirstMerchant()));
        await using (var db = settlement.Infrastructure.CreateDbContext())
        {
            Assert.Equal(SettlementRunStatus.Running, (await db.SettlementRuns.SingleAsync(r => r.BusinessDate == date, TestContext.Current.CancellationToken)).Status);
            Assert.Equal(1, await db.SettlementLines.CountAsync(l => l.BusinessDate == date, TestContext.Current.CancellationToken));
        }

        var resumed = await settlement.RunAsync(date);

        Assert.Equal("COMPLETED", resumed.Status);
        Assert.Equal((46_346L, 3, 2), (resumed.Totals.GrossAmount, resumed.Totals.PaymentCount, resumed.Lines.Count));
        Assert.Equal(resumed.Totals.TotalAmount, resumed.Totals.FeeAmount + resumed.Totals.NetAmount);
        Assert.Equal(33_140, resumed.Lines.Single(l => l.MerchantId == first.Id.Value).NetAmount);
        foreach (var payment in payments)
        {
            // Settled once: by the run that died or by the one that resumed, never by both.
            var settled = await settlement.PaymentAsync(payment.Id);
            Assert.Equal((PaymentStatus.Settled, 2), (settled.Status, settled.Revision));
        }
    }

    [Fact]
    public async Task Numbers_that_do_not_add_up_fail_the_check_loudly()
    {
        var date = settlement.NextBusinessDate();
        var merchant = await TestMerchant.CreateAsync(settlement.Infrastructure);
        await settlement.ApprovedPaymentAsync(merchant, 34_000, SettlementFixture.KstTime(date, 9));
        await settlement.RunAsync(date);
        await using var db = settlement.Infrastructure.CreateDbContext();
        await db.Database.ExecuteSqlAsync($"UPDATE settlement_lines SET net_amount = net_amount + 1 WHERE business_date = {date}", TestContext.Current.CancellationToken);

        var failure = await Assert.ThrowsAsync<SettlementInvariantViolatedException>(() => settlement.Runner(db).VerifyAsync(date, TestContext.Current.CancellationToken));

        Assert.NotEmpty(failure.Violations);
    }

    [Fact]
    public async Task A_contract_change_applies_from_its_date_on()
    {
        var date = settlement.NextBusinessDate();
        var merchant = await TestMerchant.CreateAsync(settlement.Infrastructure);
        await using (var db = settlement.Infrastructure.CreateDbContext())
        {
            db.FeeContracts.Add(new FeeContract(Guid.CreateVersion7(), merchant.Id, date.AddDays(1), BasisPoints.Of(300), payoutDelayBusinessDays: 1));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await settlement.ApprovedPaymentAsync(merchant, 10_000, SettlementFixture.KstTime(date, 9));
        var before = await settlement.RunAsync(date);
        await settlement.ApprovedPaymentAsync(merchant, 10_000, SettlementFixture.KstTime(date.AddDays(1), 9));
        var after = await settlement.RunAsync(date.AddDays(1));

        Assert.Equal(253, before.Lines.Single(l => l.MerchantId == merchant.Id.Value).FeeAmount);
        var changed = after.Lines.Single(l => l.MerchantId == merchant.Id.Value);
        Assert.Equal((330L, BusinessCalendar.PayoutDate(date.AddDays(1), 1)), (changed.FeeAmount, changed.PayoutDate));
    }

    private sealed class SimulatedCrash : Exception;

    /// <summary>Throws after the first merchant's line is committed: the process "dies" with the run half done.</summary>
    private sealed class CrashAfterFirstMerchant : IProgress<SettlementProgress>
    {
        public void Report(SettlementProgress value) => throw new SimulatedCrash();
    }
}
