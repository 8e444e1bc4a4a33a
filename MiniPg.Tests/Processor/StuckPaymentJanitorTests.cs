using MiniPg.Domain.Merchants;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Reconciliation;
using MiniPg.Infrastructure.Acquiring;
using MiniPg.Infrastructure.Cards;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Processor;

[Collection(nameof(PipelineTests))]
public sealed class StuckPaymentJanitorTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task A_stuck_payment_whose_settling_throws_does_not_hold_up_the_newer_ones()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var (broken, _) = await DirectPayments.CreateWithoutEventAsync(pipeline.Infrastructure, merchant);
        var (newer, _) = await DirectPayments.CreateWithoutEventAsync(pipeline.Infrastructure, merchant);
        await pipeline.ReplaceProcessorAsync(acquirer => new ThrowsFor(acquirer, broken.Id), settings: new Dictionary<string, string>
        {
            ["StuckPayments:After"] = "00:00:01",
            ["StuckPayments:Interval"] = "00:00:00.500",
        });
        try
        {
            var settled = await DirectPayments.WaitForStatusAsync(pipeline.Infrastructure, newer.Id, PaymentStatus.Failed);

            Assert.Equal(PaymentStatus.Failed, settled.Status);
            Assert.Equal("acquirer_unavailable", settled.Failure?.Code);
            Assert.Equal(PaymentStatus.Requested, (await DirectPayments.WaitForStatusAsync(pipeline.Infrastructure, broken.Id, PaymentStatus.Requested)).Status);
        }
        finally
        {
            await pipeline.ReplaceProcessorAsync();
        }
    }

    /// <summary>The real acquirer, except that every call about one payment throws, as a bug would.</summary>
    private sealed class ThrowsFor(IAcquirerClient inner, PaymentId broken) : IAcquirerClient
    {
        public Task<ApprovalOutcome> ApproveAsync(PaymentId paymentId, MerchantId merchantId, Won amount, CardDetails card, CancellationToken cancellationToken) =>
            paymentId == broken ? Throw<ApprovalOutcome>() : inner.ApproveAsync(paymentId, merchantId, amount, card, cancellationToken);

        public Task<ApprovalOutcome> InquireAsync(PaymentId paymentId, CancellationToken cancellationToken) =>
            paymentId == broken ? Throw<ApprovalOutcome>() : inner.InquireAsync(paymentId, cancellationToken);

        public Task<ApprovalOutcome> VoidAsync(PaymentId paymentId, CancellationToken cancellationToken) =>
            paymentId == broken ? Throw<ApprovalOutcome>() : inner.VoidAsync(paymentId, cancellationToken);

        public Task<CancellationOutcome> CancelAsync(PaymentId paymentId, Guid cancellationId, Won amount, string reason, CancellationToken cancellationToken) =>
            paymentId == broken ? Throw<CancellationOutcome>() : inner.CancelAsync(paymentId, cancellationId, amount, reason, cancellationToken);

        public Task<IReadOnlyList<AcquirerTransaction>> ExportAsync(DateOnly businessDate, CancellationToken cancellationToken) =>
            inner.ExportAsync(businessDate, cancellationToken);

        private static Task<T> Throw<T>() => Task.FromException<T>(new InvalidOperationException("test: settling this payment throws"));
    }
}
