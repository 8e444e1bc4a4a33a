using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MiniPg.Domain.Calendar;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Reconciliation;
using MiniPg.Infrastructure.Acquiring;
using MiniPg.Settlement.Reconciliation;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Settlement;

/// <summary>Reconciliation of a real day: our database against the mock acquirer's export, ghosts net-cancelled.</summary>
[Collection(nameof(PipelineTests))]
public sealed class ReconciliationRunnerTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task A_ghost_approval_of_a_failed_payment_is_net_cancelled_while_a_normal_payment_matches()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var client = merchant.Client(pipeline.Api);
        using var created = await client.PostAsync(PaymentRequests.Valid(), "key-reconciled");
        var normal = await client.WaitUntilSettledAsync(created.Headers.Location!);
        Assert.Equal("APPROVED", normal.Status());
        var normalId = new PaymentId(normal.GetProperty("id").GetGuid());
        var ghostId = await FailedPaymentTheAcquirerApprovedAsync(merchant);
        var businessDate = BusinessCalendar.KstDateOf(normal.GetProperty("approvedAt").GetDateTimeOffset());

        var report = await ReconcileAsync(businessDate, resolveGhosts: true);

        Assert.Equal(ReconciliationClass.Matched, ApprovalOf(report, normalId).Class);
        var ghost = ApprovalOf(report, ghostId);
        Assert.Equal(
            (ReconciliationClass.StatusMismatch, (PaymentStatus?)PaymentStatus.Failed, ReconciliationRunner.Voided),
            (ghost.Class, ghost.OurStatus, ghost.Resolution));
        using var inquiry = await pipeline.Acquirer.CreateClient().InquireAsync(ghostId.Value);
        Assert.Equal("CANCELLED", (await inquiry.JsonAsync()).Text("status"));
        var rerun = await ReconcileAsync(businessDate, resolveGhosts: false);
        Assert.Equal(
            [ReconciliationClass.Matched, ReconciliationClass.Matched],
            rerun.Entries.Where(entry => entry.PaymentId == ghostId).Select(entry => entry.Class));
    }

    private async Task<PaymentId> FailedPaymentTheAcquirerApprovedAsync(TestMerchant merchant)
    {
        var (payment, _) = await DirectPayments.CreateWithoutEventAsync(pipeline.Infrastructure, merchant);
        await using (var db = pipeline.Infrastructure.CreateDbContext())
        {
            var failing = await db.Payments.SingleAsync(p => p.Id == payment.Id, TestContext.Current.CancellationToken);
            failing.Fail(new PaymentFailure("card_declined", "The card was declined."), TimeProvider.System.GetUtcNow());
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using var approved = await pipeline.Acquirer.CreateClient().ApproveAsync(payment.Id.Value, amount: payment.Amount.Value);
        approved.EnsureSuccessStatusCode();
        return payment.Id;
    }

    private async Task<ReconciliationReport> ReconcileAsync(DateOnly businessDate, bool resolveGhosts)
    {
        await using var scope = pipeline.Processor.Services.CreateAsyncScope();
        await using var db = pipeline.Infrastructure.CreateDbContext();
        var service = new ReconciliationRunner(
            db,
            scope.ServiceProvider.GetRequiredService<IAcquirerClient>(),
            TimeProvider.System,
            scope.ServiceProvider.GetRequiredService<ILogger<ReconciliationRunner>>());
        return await service.ReconcileAsync(businessDate, resolveGhosts, TestContext.Current.CancellationToken);
    }

    private static ReconciliationEntry ApprovalOf(ReconciliationReport report, PaymentId id) =>
        Assert.Single(report.Entries, entry => entry.Kind == TransactionKind.Approval && entry.PaymentId == id);
}
