using MiniPg.Domain.Events;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;

namespace MiniPg.Domain.Tests.Payments;

public sealed class CancellationReservationTests
{
    private static readonly DateTimeOffset Later = PaymentFactory.Start.AddMinutes(5);

    [Fact]
    public void A_reservation_holds_its_amount_without_moving_money_or_announcing_anything()
    {
        var payment = PaymentFactory.Approved(10_000);
        payment.ClearPendingEvents();
        var revision = payment.Revision;

        payment.ReserveCancellation(Guid.NewGuid(), new Won(3_000), "returned", Later);

        Assert.Equal((new Won(0), new Won(10_000), new Won(7_000)), (payment.CancelledAmount, payment.RemainingAmount, payment.CancellableAmount));
        Assert.Equal((PaymentStatus.Approved, revision + 1), (payment.Status, payment.Revision));
        Assert.Empty(payment.PendingEvents);
    }

    [Fact]
    public void Reserving_more_than_is_still_cancellable_is_refused()
    {
        var payment = PaymentFactory.Approved(10_000);
        payment.ReserveCancellation(Guid.NewGuid(), new Won(6_000), "first", Later);

        Assert.Throws<ArgumentOutOfRangeException>(() => payment.ReserveCancellation(Guid.NewGuid(), new Won(4_001), "second", Later));
        Assert.Throws<ArgumentOutOfRangeException>(() => payment.Cancel(Guid.NewGuid(), new Won(4_001), "direct", Later));
    }

    [Fact]
    public void Without_an_amount_a_reservation_takes_everything_still_cancellable()
    {
        var payment = PaymentFactory.Approved(10_000);
        payment.ReserveCancellation(Guid.NewGuid(), new Won(2_500), "first", Later);

        var rest = payment.ReserveCancellation(Guid.NewGuid(), null, "the rest", Later);

        Assert.Equal((new Won(7_500), Won.Zero), (rest.Amount, payment.CancellableAmount));
    }

    [Fact]
    public void Completing_a_reservation_cancels_its_amount_and_announces_it()
    {
        var payment = PaymentFactory.Approved(10_000);
        payment.ClearPendingEvents();
        var id = Guid.NewGuid();
        payment.ReserveCancellation(id, new Won(10_000), "returned", Later);

        payment.CompleteCancellation(id, Later.AddSeconds(1));

        Assert.Equal((PaymentStatus.Cancelled, new Won(10_000), 0), (payment.Status, payment.CancelledAmount, payment.CancellationReservations.Count));
        Assert.Equal(id, Assert.Single(payment.Cancellations).Id);
        Assert.Equal(id, Assert.IsType<PaymentCancelled>(Assert.Single(payment.PendingEvents)).CancellationId);
    }

    [Fact]
    public void Releasing_a_reservation_makes_its_amount_cancellable_again()
    {
        var payment = PaymentFactory.Approved(10_000);
        var id = Guid.NewGuid();
        payment.ReserveCancellation(id, new Won(4_000), "refused later", Later);

        payment.ReleaseCancellation(id);

        Assert.Equal((new Won(10_000), Won.Zero, 0), (payment.CancellableAmount, payment.CancelledAmount, payment.Cancellations.Count));
    }

    [Fact]
    public void A_cancellation_id_is_reserved_once_and_an_unknown_one_cannot_be_completed()
    {
        var payment = PaymentFactory.Approved(10_000);
        var id = Guid.NewGuid();
        payment.ReserveCancellation(id, new Won(1_000), "once", Later);

        Assert.Throws<ArgumentException>(() => payment.ReserveCancellation(id, new Won(1_000), "twice", Later));
        Assert.Throws<InvalidOperationException>(() => payment.CompleteCancellation(Guid.NewGuid(), Later));
    }

    [Fact]
    public void A_requested_payment_cannot_reserve_a_cancel()
    {
        var payment = PaymentFactory.Requested(10_000);

        Assert.Throws<IllegalPaymentTransitionException>(() => payment.ReserveCancellation(Guid.NewGuid(), null, "too early", Later));
    }
}
