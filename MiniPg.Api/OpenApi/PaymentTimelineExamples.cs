using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MiniPg.Api.Payments;
using MiniPg.Domain.Cards;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Webhooks;
using MiniPg.Infrastructure.Acquiring;

namespace MiniPg.Api.OpenApi;

/// <summary>
/// The payment timeline's examples (<c>GET /api/v1/payments/{id}/timeline</c>): the slow test card's story, built by
/// <see cref="PaymentTimelineBuilder"/> from the records the pipeline keeps for such a payment, so every entry's type,
/// fields and title are the ones the endpoint writes.
/// </summary>
public static class PaymentTimelineExamples
{
    private const string TransactionId = "acq_3b8e51d0c27a4f96";

    /// <summary>The acquirer client's attempt timeout, as its timeout exception words it.</summary>
    private const string AttemptTimedOut = "The operation didn't complete within the allowed timeout of '00:00:02'.";

    private static readonly TestCard SlowCard = PaymentExamples.TestCards.Single(card => card.Name == "slowAcquirer");
    private static readonly PaymentId SlowPaymentId = new(Guid.Parse("019ab3d8-4c71-7f05-a2e9-81b6d0c4f7a2"));
    private static readonly DateTimeOffset RequestedAt = new(2026, 11, 25, 4, 19, 0, TimeSpan.Zero);

    /// <summary>
    /// A payment with the slow test card: the acquirer approved it at once but answered too late, so the Processor's
    /// approve call ended UNKNOWN and its inquiry found the approval.
    /// </summary>
    internal static Payment SlowCardPayment()
    {
        var payment = Payment.Request(
            SlowPaymentId, DemoMerchants.All[0].Id, "order-1002", "Hand grinder", new Won(89_000), CardNumber.Parse(SlowCard.Number).Summarize("tok_example"), RequestedAt);
        payment.Approve(TransactionId, RequestedAt.AddMilliseconds(131));
        return payment;
    }

    /// <summary>The <c>payment.completed</c> webhook of <see cref="SlowCardPayment"/>, delivered at the first attempt.</summary>
    internal static WebhookDelivery CompletedDelivery()
    {
        var delivery = WebhookDelivery.For(
            Guid.Parse("019ab3d8-5f22-7d40-9c13-e7a05b2c8d14"),
            WebhookEndpointExamples.Endpoint(),
            Guid.Parse("019ab3d8-5f20-7b8a-b4e6-0d93c1f72a58"),
            WebhookEventTypes.PaymentCompleted,
            SlowPaymentId,
            "{}",
            RequestedAt.AddMilliseconds(6_512));
        delivery.RecordAttempt(RequestedAt.AddMilliseconds(6_604), TimeSpan.FromMilliseconds(48), StatusCodes.Status200OK, error: null, WebhookRetrySchedule.Default);
        return delivery;
    }

    public static async Task GetPaymentTimelineAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        OperationExamples.DescribeParameter(operation, "id", "The payment's `id`, as in the resource and its `Location`.", SlowPaymentId.ToString());
        OperationExamples.SetResponse(
            operation,
            StatusCodes.Status200OK,
            "The payment's history, oldest first. Each entry has `type`, `at` and `title`, and every field of its type (`null` where one does not apply).",
            PaymentTimelineJson.Default.PaymentTimeline,
            (SlowCard.Name, $"Test card {SlowCard.Number}: {SlowCard.Outcome}", SlowCardTimeline()));
        await OperationExamples.DescribeProblemAsync(
            operation,
            context,
            StatusCodes.Status404NotFound,
            "No payment with this id exists for your merchant account.",
            PaymentEndpoints.PaymentNotFound(SlowPaymentId.ToString()).ProblemDetails,
            cancellationToken);
    }

    private static PaymentTimeline SlowCardTimeline()
    {
        var payment = SlowCardPayment();
        PaymentActivity[] calls =
        [
            PaymentActivity.AcquirerCall(
                payment.Id, PaymentActivityKinds.AcquirerApprove, RequestedAt.AddMilliseconds(118), TimeSpan.FromMilliseconds(6_318), AcquirerCallOutcomes.Unknown, AttemptTimedOut, attempt: 1),
            PaymentActivity.AcquirerCall(
                payment.Id, PaymentActivityKinds.AcquirerInquire, RequestedAt.AddMilliseconds(6_437), TimeSpan.FromMilliseconds(14), AcquirerCallOutcomes.Approved, $"transaction {TransactionId}", attempt: 1),
        ];
        return PaymentTimelineBuilder.Build(payment, calls, settlement: [], [CompletedDelivery()]);
    }
}
