using System.Net;
using System.Net.Http.Headers;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MiniPg.Domain.Cards;
using MiniPg.Domain.Events;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Reconciliation;
using MiniPg.Infrastructure.Acquiring;
using MiniPg.Infrastructure.Cards;
using MiniPg.Processor.Consuming;
using MiniPg.Settlement.Reconciliation;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Processor;

/// <summary>
/// What the Processor (and the reconciliation's ghost voids) record for a payment's timeline: every acquirer call, every
/// retry scheduled, a dead-lettering, a replay, the stuck-payment janitor's resolution; and nothing for a payment that
/// does not exist.
/// </summary>
[Collection(nameof(PipelineTests))]
public sealed class PaymentActivityRecordingTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task Each_unanswered_call_each_retry_and_the_dead_lettering_are_recorded_then_the_janitors_resolution()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        await pipeline.ReplaceProcessorAsync(acquirer => new AnswersLost(acquirer));
        try
        {
            var (payment, requested) = await DirectPayments.CreateWithoutEventAsync(pipeline.Infrastructure, merchant);
            await DirectPayments.ProduceAsync(pipeline.Infrastructure, payment.Id.ToString(), requested);

            var deadLettered = await WaitForActivitiesAsync(payment.Id, PaymentActivityKinds.DeadLettered);

            Assert.Equal(
                [
                    "acquirer.approve UNKNOWN #1", "acquirer.inquire UNKNOWN #1", "processing.retry_scheduled #2",
                    "acquirer.approve UNKNOWN #2", "acquirer.inquire UNKNOWN #2", "processing.retry_scheduled #3",
                    "acquirer.approve UNKNOWN #3", "acquirer.inquire UNKNOWN #3", "acquirer.void UNKNOWN #3", "processing.dead_lettered #3",
                ],
                deadLettered.Select(Line));
            Assert.All(deadLettered.Where(activity => activity.Kind.StartsWith("acquirer.", StringComparison.Ordinal)), call =>
            {
                Assert.True(call.DurationMs >= 0);
                Assert.Equal(AnswersLost.Reason, call.Detail);
            });

            // The waits are the back-off's (200 ms, then twice that), computed, not measured.
            Assert.Equal([200, 400], deadLettered.Where(activity => activity.Kind == PaymentActivityKinds.RetryScheduled).Select(retry => retry.DurationMs));
            Assert.StartsWith($"gave up after {ProcessorFactory.MaxAttempts} attempts", deadLettered[^1].Detail, StringComparison.Ordinal);

            await pipeline.ReplaceProcessorAsync(settings: new Dictionary<string, string>
            {
                ["StuckPayments:After"] = "00:00:01",
                ["StuckPayments:Interval"] = "00:00:00.500",
            });
            Assert.Equal(PaymentStatus.Failed, (await DirectPayments.WaitForStatusAsync(pipeline.Infrastructure, payment.Id, PaymentStatus.Failed)).Status);

            var resolved = await WaitForActivitiesAsync(payment.Id, PaymentActivityKinds.StuckResolved);
            Assert.Equal(
                ["acquirer.inquire NOT_FOUND", "acquirer.void NOT_CHARGED", "processing.stuck_resolved FAILED"],
                resolved.Skip(deadLettered.Count).Select(Line));
        }
        finally
        {
            await pipeline.ReplaceProcessorAsync();
        }
    }

    [Fact]
    public async Task A_request_for_a_payment_that_does_not_exist_is_dead_lettered_with_nothing_recorded()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var missing = Payment.Request(
            PaymentId.New(TimeProvider.System), merchant.Id, "missing", "Never saved", new Won(1_000), CardNumber.Parse(TestCards.Approved).Summarize(CardVault.NewToken()), TimeProvider.System.GetUtcNow());
        var (marker, markerEvent) = await DirectPayments.CreateWithoutEventAsync(pipeline.Infrastructure, merchant);

        await DirectPayments.ProduceAsync(pipeline.Infrastructure, missing.Id.ToString(), EventSerializer.Serialize(missing.PendingEvents.Single()), partition: 3);
        await DirectPayments.ProduceAsync(pipeline.Infrastructure, marker.Id.ToString(), markerEvent, partition: 3);

        Assert.Equal(PaymentStatus.Approved, (await DirectPayments.WaitForStatusAsync(pipeline.Infrastructure, marker.Id, PaymentStatus.Approved)).Status);
        Assert.Contains(missing.Id.ToString(), await DirectPayments.WaitForKeysAsync(pipeline.Infrastructure, Topics.PaymentRequestedDeadLetter, [missing.Id.ToString()]));
        await using var db = pipeline.Infrastructure.CreateDbContext();
        Assert.False(await db.PaymentActivities.AnyAsync(activity => activity.PaymentId == missing.Id, TestContext.Current.CancellationToken));
        Assert.Equal(["acquirer.approve APPROVED #1"], (await ActivitiesAsync(marker.Id)).Select(Line));
    }

    [Fact]
    public async Task A_replayed_dead_letter_is_recorded_before_the_attempt_it_causes()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var (payment, requested) = await DirectPayments.CreateWithoutEventAsync(pipeline.Infrastructure, merchant);
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = pipeline.Infrastructure.KafkaBootstrapServers }).Build())
        {
            var headers = RetryHeaders.With(null, (RetryHeaders.Error, "gave up after 5 attempts: acquirer answered 503"), (RetryHeaders.OriginalTopic, Topics.PaymentRequested));
            await producer.ProduceAsync(
                Topics.PaymentRequestedDeadLetter,
                new Message<string, string> { Key = payment.Id.ToString(), Value = requested, Headers = headers },
                TestContext.Current.CancellationToken);
        }

        var client = pipeline.Processor.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", InfrastructureFixture.OperatorKey);
        using var replay = await client.PostAsync("/dead-letters/replay", content: null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(PaymentStatus.Approved, (await DirectPayments.WaitForStatusAsync(pipeline.Infrastructure, payment.Id, PaymentStatus.Approved)).Status);

        var activities = await WaitForActivitiesAsync(payment.Id, PaymentActivityKinds.AcquirerApprove);
        Assert.Equal(["processing.replayed", "acquirer.approve APPROVED #1"], activities.Select(Line));
        Assert.Equal("it had failed with: gave up after 5 attempts: acquirer answered 503", activities[0].Detail);
    }

    [Fact]
    public async Task A_ghost_void_of_a_failed_payment_is_recorded_on_it()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var (payment, _) = await DirectPayments.CreateWithoutEventAsync(pipeline.Infrastructure, merchant);
        await using (var db = pipeline.Infrastructure.CreateDbContext())
        {
            var failing = await db.Payments.SingleAsync(p => p.Id == payment.Id, TestContext.Current.CancellationToken);
            failing.Fail(new PaymentFailure("card_declined", "The card was declined."), TimeProvider.System.GetUtcNow());
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using var approved = await pipeline.Acquirer.CreateClient().ApproveAsync(payment.Id.Value, amount: payment.Amount.Value);
        approved.EnsureSuccessStatusCode();
        var businessDate = KstDate.Of(await approved.JsonAsync(), "approvedAt");

        var report = await ReconcileWithGhostsResolvedAsync(businessDate);

        Assert.Equal(ReconciliationRunner.Voided, Assert.Single(report.Entries, entry => entry.PaymentId == payment.Id && entry.Kind == TransactionKind.Approval).Resolution);
        var call = Assert.Single(await ActivitiesAsync(payment.Id));
        Assert.Equal(("acquirer.void NOT_CHARGED", "the acquirer reports it CANCELLED"), (Line(call), call.Detail));
    }

    /// <summary>An activity as one line: its kind, its outcome if it has one, and its Processor attempt if it has one.</summary>
    private static string Line(PaymentActivity activity) =>
        $"{activity.Kind}{(activity.Outcome is { } outcome ? $" {outcome}" : string.Empty)}{(activity.Attempt is { } attempt ? $" #{attempt}" : string.Empty)}";

    /// <summary>The payment's activities in timeline order once one of <paramref name="kind"/> is there (a bounded wait).</summary>
    private async Task<List<PaymentActivity>> WaitForActivitiesAsync(PaymentId paymentId, string kind)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var activities = await ActivitiesAsync(paymentId);
            if (activities.Any(activity => activity.Kind == kind) || waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                return activities;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private async Task<List<PaymentActivity>> ActivitiesAsync(PaymentId paymentId)
    {
        await using var db = pipeline.Infrastructure.CreateDbContext();
        return await db.PaymentActivities.AsNoTracking()
            .Where(activity => activity.PaymentId == paymentId)
            .OrderBy(activity => activity.OccurredAt)
            .ThenBy(activity => activity.Id)
            .ToListAsync(TestContext.Current.CancellationToken);
    }

    private async Task<ReconciliationReport> ReconcileWithGhostsResolvedAsync(DateOnly businessDate)
    {
        await using var scope = pipeline.Processor.Services.CreateAsyncScope();
        await using var db = pipeline.Infrastructure.CreateDbContext();
        var runner = new ReconciliationRunner(
            db,
            scope.ServiceProvider.GetRequiredService<IAcquirerClient>(),
            TimeProvider.System,
            scope.ServiceProvider.GetRequiredService<ILogger<ReconciliationRunner>>());
        return await runner.ReconcileAsync(businessDate, resolveGhosts: true, TestContext.Current.CancellationToken);
    }

    /// <summary>An acquirer whose every answer is lost on the way back: each call's outcome is unknown.</summary>
    private sealed class AnswersLost(IAcquirerClient inner) : IAcquirerClient
    {
        public const string Reason = "test: the acquirer's answer was lost";

        public Task<ApprovalOutcome> ApproveAsync(PaymentId paymentId, MerchantId merchantId, Won amount, CardDetails card, CancellationToken cancellationToken) =>
            Task.FromResult<ApprovalOutcome>(new ApprovalOutcome.Unknown(Reason));

        public Task<ApprovalOutcome> InquireAsync(PaymentId paymentId, CancellationToken cancellationToken) =>
            Task.FromResult<ApprovalOutcome>(new ApprovalOutcome.Unknown(Reason));

        public Task<ApprovalOutcome> VoidAsync(PaymentId paymentId, CancellationToken cancellationToken) =>
            Task.FromResult<ApprovalOutcome>(new ApprovalOutcome.Unknown(Reason));

        public Task<CancellationOutcome> CancelAsync(PaymentId paymentId, Guid cancellationId, Won amount, string reason, CancellationToken cancellationToken) =>
            Task.FromResult<CancellationOutcome>(new CancellationOutcome.Unknown(Reason));

        public Task<IReadOnlyList<AcquirerTransaction>> ExportAsync(DateOnly businessDate, CancellationToken cancellationToken) =>
            inner.ExportAsync(businessDate, cancellationToken);
    }
}
