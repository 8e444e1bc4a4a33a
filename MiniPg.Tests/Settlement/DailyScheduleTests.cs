using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Settlement;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Settlement;

[Collection(nameof(SettlementTests))]
public sealed class DailyScheduleTests(SettlementFixture settlement)
{
    [Fact]
    public async Task The_schedule_outlives_a_failed_run_and_a_later_occurrence_completes_the_date()
    {
        var date = settlement.NextBusinessDate();
        var merchant = await TestMerchant.CreateAsync(settlement.Infrastructure);
        var payment = await settlement.ApprovedPaymentAsync(merchant, 34_000, SettlementFixture.KstTime(date, 10));

        // The database refuses this date's lines, as it refuses a write in an outage: the run fails with a
        // DbUpdateException (not an InvalidOperationException) until the constraint goes.
        var constraint = string.Create(CultureInfo.InvariantCulture, $"test_refuses_lines_of_{date:yyyyMMdd}");
        await ExecuteAsync(string.Create(CultureInfo.InvariantCulture, $"ALTER TABLE settlement_lines ADD CONSTRAINT {constraint} CHECK (business_date <> DATE '{date:yyyy-MM-dd}') NOT VALID"));
        try
        {
            var clock = new FakeTimeProvider(SettlementFixture.KstTime(date.AddDays(1), 0));
            await using var service = new SettlementServiceFactory(settlement.Infrastructure, allowOpenDay: false, time: clock, schedule: "* * * * *");
            service.StartServer();

            var first = await WalkUntilAsync(clock, date, SettlementRunStatus.Failed);
            await ExecuteAsync($"ALTER TABLE settlement_lines DROP CONSTRAINT {constraint}");
            var later = await WalkUntilAsync(clock, date, SettlementRunStatus.Completed);

            Assert.Equal((SettlementRunStatus.Failed, SettlementRunStatus.Completed), (first, later));
            Assert.Equal(PaymentStatus.Settled, (await settlement.PaymentAsync(payment.Id)).Status);
        }
        finally
        {
            await ExecuteAsync($"ALTER TABLE settlement_lines DROP CONSTRAINT IF EXISTS {constraint}");
        }
    }

    /// <summary>
    /// Moves the clock on two seconds at a time (the schedule fires every minute) until the date's run has the status,
    /// or an hour of occurrences has passed; returns the status the run ends with.
    /// </summary>
    private async Task<SettlementRunStatus?> WalkUntilAsync(FakeTimeProvider clock, DateOnly date, SettlementRunStatus status)
    {
        var current = await settlement.RunStatusAsync(date);
        for (var step = 1; step <= 1_800 && current != status; step++)
        {
            clock.Advance(TimeSpan.FromSeconds(2));
            await Task.Delay(20, TestContext.Current.CancellationToken);
            current = step % 5 == 0 ? await settlement.RunStatusAsync(date) : current;
        }

        return current;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var db = settlement.Infrastructure.CreateDbContext();
        await db.Database.ExecuteSqlRawAsync(sql, TestContext.Current.CancellationToken);
    }
}
