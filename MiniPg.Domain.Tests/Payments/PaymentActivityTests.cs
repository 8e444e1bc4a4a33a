using MiniPg.Domain.Payments;

namespace MiniPg.Domain.Tests.Payments;

public sealed class PaymentActivityTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 3, 0, 0, TimeSpan.Zero);
    private static readonly PaymentId Payment = new(Guid.CreateVersion7(At));

    [Fact]
    public void A_retry_scheduled_keeps_its_wait_as_its_duration_and_knows_when_it_is_due()
    {
        var retry = PaymentActivity.RetryScheduled(Payment, At, 3, At.AddMilliseconds(400), "acquirer answered 503");

        Assert.Equal(
            (PaymentActivityKinds.RetryScheduled, (int?)3, (int?)400, (DateTimeOffset?)At.AddMilliseconds(400), "acquirer answered 503"),
            (retry.Kind, retry.Attempt, retry.DurationMs, retry.DueAt, retry.Detail));
    }

    [Fact]
    public void An_acquirer_call_has_a_latency_and_no_due_time()
    {
        var call = PaymentActivity.AcquirerCall(Payment, PaymentActivityKinds.AcquirerApprove, At, TimeSpan.FromMilliseconds(35.7), "APPROVED", "transaction acq_1", 1);

        Assert.Equal(((int?)35, (DateTimeOffset?)null), (call.DurationMs, call.DueAt));
    }

    [Fact]
    public void A_detail_longer_than_its_column_is_cut_to_fit()
    {
        var dead = PaymentActivity.Happened(Payment, PaymentActivityKinds.DeadLettered, At, null, new string('x', PaymentActivity.MaxDetailLength + 1), 5);

        Assert.Equal(PaymentActivity.MaxDetailLength, dead.Detail!.Length);
    }
}
