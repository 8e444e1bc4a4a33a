using Microsoft.Extensions.Time.Testing;
using MiniPg.Domain.Cards;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;

namespace MiniPg.Domain.Tests.Payments;

internal static class PaymentFactory
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);

    public static Payment Requested(long amount = 34_000)
    {
        var time = new FakeTimeProvider(Start);
        return Payment.Request(
            PaymentId.New(time), MerchantId.New(), "order-1", "Coffee beans", new Won(amount),
            CardNumber.Parse("4242424242424242").Summarize("tok_test"), Start);
    }

    public static Payment Approved(long amount = 34_000)
    {
        var payment = Requested(amount);
        payment.Approve("acq_1", Start.AddSeconds(1));
        return payment;
    }
}
