using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MiniPg.Domain.Calendar;
using MiniPg.Domain.Cards;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Settlement;
using MiniPg.Infrastructure.Caching;
using MiniPg.Infrastructure.Cards;
using MiniPg.Infrastructure.Persistence;
using MiniPg.Settlement.Runs;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Settlement;

[CollectionDefinition(nameof(SettlementTests), DisableParallelization = true)]
public sealed class SettlementTests : ICollectionFixture<SettlementFixture>;

/// <summary>
/// Settlement runs are keyed by date and settle every merchant, so these tests run alone, each on business dates of
/// its own, in the past (no other test approves anything then) and strictly later than the previous test's.
/// </summary>
public sealed class SettlementFixture(InfrastructureFixture infrastructure)
{
    private DateOnly _next = new(2026, 2, 2);

    public InfrastructureFixture Infrastructure => infrastructure;

    /// <summary>
    /// A fresh business date (a Monday in 2026), and the six days after it are this test's too. The dates must stay in the
    /// past: a date not yet over is refused by the operator interface, which a test would read as a wrong 409.
    /// </summary>
    public DateOnly NextBusinessDate()
    {
        var date = _next;
        _next = _next.AddDays(7);
        var afterItsDays = date.AddDays(7);
        if (!BusinessCalendar.HasBegun(afterItsDays, TimeProvider.System.GetUtcNow()))
        {
            throw new InvalidOperationException($"The settlement tests ran out of past business dates at {date}: start them earlier or step less.");
        }

        return date;
    }

    public static DateTimeOffset KstTime(DateOnly date, int hour, int minute = 0, int second = 0) =>
        BusinessCalendar.KstStartOf(date).AddHours(hour).AddMinutes(minute).AddSeconds(second);

    public async Task<Payment> ApprovedPaymentAsync(TestMerchant merchant, long amount, DateTimeOffset approvedAt)
    {
        await using var db = infrastructure.CreateDbContext();
        var card = CardNumber.Parse(TestCards.Approved).Summarize(CardVault.NewToken());
        var payment = Payment.Request(PaymentId.New(TimeProvider.System), merchant.Id, $"order-{amount}", "Settled goods", new Won(amount), card, approvedAt.AddSeconds(-1));
        payment.Approve($"acq_{Guid.NewGuid():N}", approvedAt);
        payment.ClearPendingEvents();
        db.Payments.Add(payment);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return payment;
    }

    public async Task CancelAsync(PaymentId paymentId, long? amount, DateTimeOffset cancelledAt)
    {
        await using var db = infrastructure.CreateDbContext();
        var payment = await db.Payments.SingleAsync(p => p.Id == paymentId, TestContext.Current.CancellationToken);
        payment.Cancel(Guid.NewGuid(), amount is { } value ? new Won(value) : null, "returned", cancelledAt);
        payment.ClearPendingEvents();
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public async Task<SettlementRunSummary> RunAsync(DateOnly date, IProgress<SettlementProgress>? progress = null)
    {
        await using var db = infrastructure.CreateDbContext();
        return await Runner(db).RunAsync(date, progress, TestContext.Current.CancellationToken);
    }

    public SettlementRunner Runner(MiniPgDbContext db) =>
        new(db, infrastructure.Api.Services.GetRequiredService<PaymentResourceCache>(), TimeProvider.System, NullLogger<SettlementRunner>.Instance);

    /// <summary>The status of the date's run, or null when nothing was written for the date.</summary>
    public async Task<SettlementRunStatus?> RunStatusAsync(DateOnly date)
    {
        await using var db = infrastructure.CreateDbContext();
        return await db.SettlementRuns.AsNoTracking()
            .Where(run => run.BusinessDate == date)
            .Select(run => (SettlementRunStatus?)run.Status)
            .SingleOrDefaultAsync(TestContext.Current.CancellationToken);
    }

    public async Task<Payment> WaitForStatusAsync(PaymentId id, PaymentStatus status)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await PaymentAsync(id) is { } payment && payment.Status == status)
            {
                return payment;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return await PaymentAsync(id);
    }

    public async Task<Payment> PaymentAsync(PaymentId id)
    {
        await using var db = infrastructure.CreateDbContext();
        return await db.Payments.AsNoTracking().SingleAsync(p => p.Id == id, TestContext.Current.CancellationToken);
    }
}
