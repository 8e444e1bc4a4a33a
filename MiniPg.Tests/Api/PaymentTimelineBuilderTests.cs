using MiniPg.Api.Payments;
using MiniPg.Domain.Cards;
using MiniPg.Domain.Fees;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Settlement;
using MiniPg.Domain.Webhooks;
using MiniPg.Infrastructure.Acquiring;

namespace MiniPg.Tests.Api;

/// <summary>The timeline's merge and its order, without a database: what the endpoint does with the rows it reads.</summary>
public sealed class PaymentTimelineBuilderTests
{
    private static readonly DateTimeOffset RequestedAt = new(2026, 1, 13, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly BusinessDate = new(2026, 1, 13);
    private static readonly MerchantId Merchant = new(Guid.CreateVersion7(RequestedAt));

    [Fact]
    public void Entries_at_the_same_instant_keep_the_documented_order()
    {
        var payment = NewPayment();
        var approvedAt = RequestedAt.AddSeconds(1);
        var settledAt = RequestedAt.AddDays(1);
        payment.Approve("acq_1", approvedAt);
        payment.Settle(settledAt);
        var call = PaymentActivity.AcquirerCall(payment.Id, PaymentActivityKinds.AcquirerApprove, RequestedAt, TimeSpan.FromMilliseconds(30), AcquirerCallOutcomes.Approved, "transaction acq_1", 1);
        var item = new SettlementItem(BusinessDate, Merchant, payment.Id, null, payment.OrderId, SettlementFees.For(payment.Amount, BasisPoints.Of(230)), approvedAt);
        var endpoint = WebhookEndpoint.Create(Guid.CreateVersion7(), Merchant, "https://shop.example/webhooks", [WebhookEventTypes.PaymentCompleted], null, RequestedAt);
        var delivery = WebhookDelivery.For(Guid.CreateVersion7(), endpoint, Guid.CreateVersion7(), WebhookEventTypes.PaymentCompleted, payment.Id, "{}", settledAt);
        delivery.RecordAttempt(settledAt, TimeSpan.FromMilliseconds(10), 200, null, WebhookRetrySchedule.Default);

        var timeline = PaymentTimelineBuilder.Build(
            payment, [call], [new SettledItem(item, new DateOnly(2026, 1, 15), SettlementRunStatus.Completed, settledAt, settledAt.AddSeconds(1))], [delivery]);

        Assert.Equal(
            ["requested", "acquirer.approve", "approved", "settled", "settlement", "webhook.delivery", "webhook.attempt"],
            timeline.Entries.Select(TypeOf));
        Assert.Equal(("SETTLED", payment.Id.Value), (timeline.Status, timeline.PaymentId));
    }

    [Fact]
    public void A_cancel_netted_by_a_later_run_is_placed_at_that_runs_completion_with_its_negative_amounts()
    {
        var payment = NewPayment();
        payment.Approve("acq_1", RequestedAt.AddSeconds(1));
        var cancelledAt = RequestedAt.AddHours(2);
        var reservation = payment.ReserveCancellation(Guid.CreateVersion7(), new Won(4_000), "returned", cancelledAt.AddSeconds(-1));
        var cancellation = payment.CompleteCancellation(reservation.Id, cancelledAt);
        var completedAt = RequestedAt.AddDays(1).AddMinutes(3);
        var item = new SettlementItem(BusinessDate, Merchant, payment.Id, cancellation.Id, payment.OrderId, SettlementFees.For(new Won(-4_000), BasisPoints.Of(230)), cancelledAt);

        var timeline = PaymentTimelineBuilder.Build(
            payment, [], [new SettledItem(item, new DateOnly(2026, 1, 15), SettlementRunStatus.Completed, completedAt.AddMinutes(-1), completedAt)], []);

        var settlement = Assert.IsType<SettlementEntry>(timeline.Entries[^1]);
        Assert.Equal(
            (completedAt, "CANCELLATION", (Guid?)cancellation.Id, -4_000L, -101L, -9L, -3_899L),
            (settlement.At, settlement.Kind, settlement.CancellationId, settlement.Amount, settlement.Fee, settlement.Vat, settlement.Net));
        var completed = Assert.IsType<CancellationCompletedEntry>(timeline.Entries[^2]);
        Assert.Equal((4_000L, 30_000L), (completed.Amount, completed.RemainingAmount));
    }

    [Fact]
    public void A_retry_shows_when_it_is_due_and_a_call_its_outcome_in_its_title()
    {
        var payment = NewPayment();
        var call = PaymentActivity.AcquirerCall(payment.Id, PaymentActivityKinds.AcquirerApprove, RequestedAt.AddSeconds(1), TimeSpan.FromSeconds(6), AcquirerCallOutcomes.Unknown, "timed out", 1);
        var retry = PaymentActivity.RetryScheduled(payment.Id, RequestedAt.AddSeconds(7), 2, RequestedAt.AddSeconds(8), "timed out");

        var timeline = PaymentTimelineBuilder.Build(payment, [retry, call], [], []);

        var scheduled = Assert.IsType<RetryScheduledEntry>(timeline.Entries[^1]);
        Assert.Equal(((int?)2, (DateTimeOffset?)RequestedAt.AddSeconds(8)), (scheduled.Attempt, scheduled.DueAt));
        Assert.Equal(
            "The acquirer was asked to approve the payment (processing attempt 1): no answer came, so the outcome was unknown after 6,000 ms.",
            timeline.Entries[1].Title);
    }

    private static Payment NewPayment()
    {
        var payment = Payment.Request(
            new PaymentId(Guid.CreateVersion7(RequestedAt)), Merchant, "order-1", "Coffee beans", new Won(34_000), CardNumber.Parse("4242424242424242").Summarize("tok_test"), RequestedAt);
        payment.ClearPendingEvents();
        return payment;
    }

    private static string TypeOf(TimelineEntry entry) => entry switch
    {
        RequestedEntry => "requested",
        AcquirerApproveEntry => "acquirer.approve",
        ApprovedEntry => "approved",
        SettledEntry => "settled",
        SettlementEntry => "settlement",
        WebhookDeliveryEntry => "webhook.delivery",
        WebhookAttemptEntry => "webhook.attempt",
        _ => entry.GetType().Name,
    };
}
