using CsCheck;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;

namespace MiniPg.Domain.Tests.Payments;

/// <summary>Random sequences of everything that can happen to a payment never leave it in an illegal state.</summary>
public sealed class PaymentStateMachinePropertyTests
{
    private abstract record Action;

    private sealed record Approve : Action;

    private sealed record Fail : Action;

    private sealed record Settle : Action;

    private sealed record Cancel(long? Amount) : Action;

    private static readonly Gen<Action> AnyAction = Gen.OneOf<Action>(
        Gen.Const<Action>(new Approve()),
        Gen.Const<Action>(new Fail()),
        Gen.Const<Action>(new Settle()),
        Gen.Long[1, 40_000].Select(amount => (Action)new Cancel(amount)),
        Gen.Const<Action>(new Cancel(null)));

    private static readonly Dictionary<PaymentStatus, PaymentStatus[]> AllowedNext = new()
    {
        [PaymentStatus.Requested] = [PaymentStatus.Approved, PaymentStatus.Failed],
        [PaymentStatus.Approved] = [PaymentStatus.Settled, PaymentStatus.Cancelled],
        [PaymentStatus.Settled] = [PaymentStatus.Cancelled],
        [PaymentStatus.Failed] = [],
        [PaymentStatus.Cancelled] = [],
    };

    [Fact]
    public void Random_action_sequences_never_reach_an_illegal_state() =>
        Gen.Select(Gen.Long[1, 40_000], AnyAction.Array[0, 12]).Sample(
            (amount, actions) =>
            {
                var payment = PaymentFactory.Requested(amount);
                var at = PaymentFactory.Start;
                foreach (var action in actions)
                {
                    at = at.AddMinutes(1);
                    var before = Snapshot(payment);
                    var applied = TryApply(payment, action, at);
                    var after = Snapshot(payment);

                    if (!applied && before != after)
                    {
                        return false;
                    }

                    if (applied && before.Status != after.Status && !AllowedNext[before.Status].Contains(after.Status))
                    {
                        return false;
                    }

                    if (!InvariantsHold(payment))
                    {
                        return false;
                    }
                }

                return true;
            },
            iter: 2_000);

    private static bool TryApply(Payment payment, Action action, DateTimeOffset at)
    {
        try
        {
            switch (action)
            {
                case Approve:
                    payment.Approve("acq_1", at);
                    break;
                case Fail:
                    payment.Fail(new PaymentFailure("card_declined", "declined"), at);
                    break;
                case Settle:
                    payment.Settle(at);
                    break;
                case Cancel cancel:
                    payment.Cancel(Guid.NewGuid(), cancel.Amount is { } amount ? new Won(amount) : null, "test", at);
                    break;
            }

            return true;
        }
        catch (Exception exception) when (exception is IllegalPaymentTransitionException or ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static (PaymentStatus Status, Won Cancelled, int Cancellations, int Events) Snapshot(Payment payment) =>
        (payment.Status, payment.CancelledAmount, payment.Cancellations.Count, payment.PendingEvents.Count);

    private static bool InvariantsHold(Payment payment) =>
        payment.CancelledAmount >= Won.Zero
        && payment.CancelledAmount <= payment.Amount
        && payment.CancelledAmount == payment.Cancellations.Aggregate(Won.Zero, (sum, c) => sum + c.Amount)
        && (payment.Status == PaymentStatus.Cancelled) == (payment.RemainingAmount == Won.Zero)
        && (payment.Status != PaymentStatus.Failed || (payment.ApprovedAt is null && payment.Failure is not null))
        && (payment.CancelledAmount == Won.Zero || payment.ApprovedAt is not null);
}
