using MiniPg.Domain.Merchants;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Reconciliation;
using MiniPg.Infrastructure.Acquiring;
using MiniPg.Infrastructure.Cards;

namespace MiniPg.Tests.Pipeline;

/// <summary>
/// A Processor's acquirer client that, once the acquirer has approved, never returns: the Processor is then stopped
/// as if killed between the acquirer's approval and its own commit.
/// </summary>
internal sealed class HangsAfterApproval(IAcquirerClient acquirer, TaskCompletionSource<ApprovalOutcome> approved) : IAcquirerClient
{
    public async Task<ApprovalOutcome> ApproveAsync(PaymentId paymentId, MerchantId merchantId, Won amount, CardDetails card, CancellationToken cancellationToken)
    {
        var outcome = await acquirer.ApproveAsync(paymentId, merchantId, amount, card, cancellationToken);
        approved.TrySetResult(outcome);
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return outcome;
    }

    public Task<ApprovalOutcome> InquireAsync(PaymentId paymentId, CancellationToken cancellationToken) => acquirer.InquireAsync(paymentId, cancellationToken);

    public Task<ApprovalOutcome> VoidAsync(PaymentId paymentId, CancellationToken cancellationToken) => acquirer.VoidAsync(paymentId, cancellationToken);

    public Task<CancellationOutcome> CancelAsync(PaymentId paymentId, Guid cancellationId, Won amount, string reason, CancellationToken cancellationToken) =>
        acquirer.CancelAsync(paymentId, cancellationId, amount, reason, cancellationToken);

    public Task<IReadOnlyList<AcquirerTransaction>> ExportAsync(DateOnly businessDate, CancellationToken cancellationToken) => acquirer.ExportAsync(businessDate, cancellationToken);
}
