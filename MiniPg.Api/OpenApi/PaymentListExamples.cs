using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MiniPg.Api.Http;
using MiniPg.Api.Payments;
using MiniPg.Domain;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Caching;

namespace MiniPg.Api.OpenApi;

/// <summary>The payment list's parameters, examples and response descriptions (<c>GET /api/v1/payments</c>).</summary>
public static class PaymentListExamples
{
    private static readonly string[] Statuses = [.. Enum.GetValues<PaymentStatus>().Select(WireNames.Of)];

    /// <summary>The example's cursor is signed with a key of its own: it has a real cursor's form and length, and no account accepts it.</summary>
    private static readonly byte[] ExampleCursorKey = new byte[32];

    /// <summary>The newest payment: the one whose timeline is that operation's example.</summary>
    private static readonly PaymentResource Newest = PaymentResource.Of(PaymentTimelineExamples.SlowCardPayment());

    /// <summary>A declined payment of an earlier order.</summary>
    private static readonly PaymentResource Declined = PaymentExamples.Declined with
    {
        Id = Guid.Parse("019ab2e6-0a94-7b1d-8c57-2f4e9d6b1a08"),
        OrderId = "order-0997",
        RequestedAt = PaymentExamples.Declined.RequestedAt.AddHours(-6),
    };

    public static async Task ListPaymentsAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        OperationExamples.DescribeParameter(
            operation, "status", "Only payments in this status; a partly cancelled payment keeps its status.", WireNames.Of(PaymentStatus.Approved), Statuses);
        OperationExamples.DescribeParameter(operation, "orderId", "Only payments of this order id (exact match).", "order-1001");
        OperationExamples.DescribeParameter(
            operation, "from", "Only payments requested at or after this instant: ISO 8601 with an offset (percent-encode a `+` as `%2B`).", "2026-11-25T00:00:00Z");
        OperationExamples.DescribeParameter(operation, "to", "Only payments requested before this instant; later than `from`.", "2026-11-26T00:00:00+09:00");
        OperationExamples.DescribeParameter(
            operation, "limit", $"Payments per page: 1 to {PaymentListEndpoints.MaxLimit}, {PaymentListEndpoints.DefaultLimit} if left out.", "20");
        OperationExamples.DescribeParameter(
            operation, "cursor", "`nextCursor` of the previous page, unchanged; leave it out for the first page. Keep the other parameters as they were.", NextCursor());

        OperationExamples.SetResponse(
            operation,
            StatusCodes.Status200OK,
            "A page of your payments, newest first. `hasMore` says whether another page follows; `nextCursor` asks for it.",
            ApiJson.Default.PaymentPage,
            ("firstPage", "The first page of two (`limit=2`): more follow", new PaymentPage([Newest, PaymentExamples.PartlyCancelled], HasMore: true, NextCursor())),
            ("lastPage", "Failed payments only (`status=FAILED`): one page", new PaymentPage([Declined], HasMore: false, NextCursor: null)),
            ("empty", "Nothing matches", new PaymentPage([], HasMore: false, NextCursor: null)));

        await OperationExamples.DescribeProblemAsync(
            operation,
            context,
            StatusCodes.Status400BadRequest,
            "A parameter is invalid; each one in error is named.",
            TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["status"] = [$"Unknown status: use one of {string.Join(", ", Statuses)}."],
                ["limit"] = [$"limit must be a whole number from 1 to {PaymentListEndpoints.MaxLimit}."],
            }).ProblemDetails,
            cancellationToken);
    }

    /// <summary>The cursor after the first page's last payment, encoded as the endpoint encodes it.</summary>
    private static string NextCursor()
    {
        var last = PaymentExamples.PartlyCancelled;
        return new PaymentListCursor(last.RequestedAt, new PaymentId(last.Id)).Encode(DemoMerchants.All[0].Id, ExampleCursorKey);
    }
}
