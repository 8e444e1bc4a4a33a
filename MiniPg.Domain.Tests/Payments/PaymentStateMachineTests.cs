using MiniPg.Domain.Events;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;

namespace MiniPg.Domain.Tests.Payments;

public sealed class PaymentStateMachineTests
{
    private static readonly DateTimeOffset Later = PaymentFactory.Start.AddMinutes(5);

    [Fact]
    public void A_new_payment_is_requested_and_announces_itself()
    {
        var payment = PaymentFactory.Requested(15_000);

        Assert.Equal(PaymentStatus.Requested, payment.Status);
        var requested = Assert.IsType<PaymentRequested>(Assert.Single(payment.PendingEvents));
        Assert.Equal((payment.Id.Value, 15_000L, "KRW", "tok_test"), (requested.PaymentId, requested.Amount, requested.Currency, requested.CardToken));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_payment_needs_a_positive_amount(long amount) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PaymentFactory.Requested(amount));

    [Fact]
    public void Approving_a_requested_payment_records_the_acquirer_transaction()
    {
        var payment = PaymentFactory.Requested();
        payment.ClearPendingEvents();

        payment.Approve("acq_42", Later);

        Assert.Equal((PaymentStatus.Approved, "acq_42", (DateTimeOffset?)Later), (payment.Status, payment.AcquirerTransactionId, payment.ApprovedAt));
        Assert.IsType<PaymentCompleted>(Assert.Single(payment.PendingEvents));
    }

    [Fact]
    public void Failing_a_requested_payment_keeps_the_reason()
    {
        var payment = PaymentFactory.Requested();
        payment.ClearPendingEvents();

        payment.Fail(new PaymentFailure("card_declined", "The card was declined."), Later);

        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Equal("card_declined", payment.Failure?.Code);
        Assert.Equal("card_declined", Assert.IsType<PaymentFailed>(Assert.Single(payment.PendingEvents)).FailureCode);
    }

    [Fact]
    public void A_partial_cancel_keeps_the_status_and_accumulates()
    {
        var payment = PaymentFactory.Approved(34_000);

        payment.Cancel(Guid.NewGuid(), new Won(4_000), "one item returned", Later);
        payment.Cancel(Guid.NewGuid(), new Won(10_000), "another item returned", Later.AddMinutes(1));

        Assert.Equal((PaymentStatus.Approved, new Won(14_000), new Won(20_000)), (payment.Status, payment.CancelledAmount, payment.RemainingAmount));
        Assert.Equal(2, payment.Cancellations.Count);
        Assert.Null(payment.CancelledAt);
    }

    [Fact]
    public void Cancelling_what_remains_makes_the_payment_cancelled()
    {
        var payment = PaymentFactory.Approved(34_000);
        payment.Cancel(Guid.NewGuid(), new Won(4_000), "partial", Later);

        payment.Cancel(Guid.NewGuid(), null, "the rest", Later.AddMinutes(1));

        Assert.Equal((PaymentStatus.Cancelled, new Won(34_000), (DateTimeOffset?)Later.AddMinutes(1)), (payment.Status, payment.CancelledAmount, payment.CancelledAt));
        Assert.Equal(30_000, Assert.IsType<PaymentCancelled>(payment.PendingEvents[^1]).CancelledAmount);
    }

    [Fact]
    public void Cancelling_more_than_remains_is_refused_and_changes_nothing()
    {
        var payment = PaymentFactory.Approved(34_000);
        payment.Cancel(Guid.NewGuid(), new Won(30_000), "partial", Later);

        Assert.Throws<ArgumentOutOfRangeException>(() => payment.Cancel(Guid.NewGuid(), new Won(4_001), "too much", Later));
        Assert.Equal(new Won(30_000), payment.CancelledAmount);
    }

    [Fact]
    public void A_settled_payment_can_still_be_cancelled_for_netting_later()
    {
        var payment = PaymentFactory.Approved();
        payment.Settle(Later);

        payment.Cancel(Guid.NewGuid(), null, "refund after settlement", Later.AddDays(2));

        Assert.Equal(PaymentStatus.Cancelled, payment.Status);
        Assert.Equal(Later, payment.SettledAt);
    }

    public static TheoryData<string, Action<Payment>> IllegalTransitions => new()
    {
        { "approve an approved payment", p => { p.Approve("acq_1", Later); p.Approve("acq_2", Later); } },
        { "fail an approved payment", p => { p.Approve("acq_1", Later); p.Fail(new PaymentFailure("x", "x"), Later); } },
        { "approve a failed payment", p => { p.Fail(new PaymentFailure("x", "x"), Later); p.Approve("acq_1", Later); } },
        { "fail a failed payment", p => { p.Fail(new PaymentFailure("x", "x"), Later); p.Fail(new PaymentFailure("x", "x"), Later); } },
        { "cancel a requested payment", p => p.Cancel(Guid.NewGuid(), null, "x", Later) },
        { "cancel a failed payment", p => { p.Fail(new PaymentFailure("x", "x"), Later); p.Cancel(Guid.NewGuid(), null, "x", Later); } },
        { "cancel a cancelled payment", p => { p.Approve("acq_1", Later); p.Cancel(Guid.NewGuid(), null, "x", Later); p.Cancel(Guid.NewGuid(), null, "x", Later); } },
        { "settle a requested payment", p => p.Settle(Later) },
        { "settle a failed payment", p => { p.Fail(new PaymentFailure("x", "x"), Later); p.Settle(Later); } },
        { "settle a settled payment", p => { p.Approve("acq_1", Later); p.Settle(Later); p.Settle(Later); } },
        { "settle a cancelled payment", p => { p.Approve("acq_1", Later); p.Cancel(Guid.NewGuid(), null, "x", Later); p.Settle(Later); } },
        { "approve a cancelled payment", p => { p.Approve("acq_1", Later); p.Cancel(Guid.NewGuid(), null, "x", Later); p.Approve("acq_2", Later); } },
    };

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void An_illegal_transition_throws_instead_of_doing_nothing(string transition, Action<Payment> act)
    {
        var payment = PaymentFactory.Requested();

        var error = Assert.Throws<IllegalPaymentTransitionException>(() => act(payment));

        Assert.Contains(payment.Id.ToString(), error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(transition));
    }
}
