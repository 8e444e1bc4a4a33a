using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MiniPg.Api.Settlements;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Settlement;
using MiniPg.Infrastructure.OpenApi;

namespace MiniPg.Api.OpenApi;

/// <summary>The merchant's settlement operations: their date parameter, examples and response descriptions.</summary>
public static class SettlementExamples
{
    private const string BusinessDate = "2026-11-25";

    /// <summary>One 34,000-won payment at the demo merchants' 2.3%: supply fee 782, VAT 78, fee 860, net 33,140 (the README's worked example).</summary>
    private static readonly SettlementLineView Line = new(
        DemoMerchants.All[1].Id.Value, new DateOnly(2026, 11, 25), 34_000, 0, 34_000, 860, 78, 33_140, 1, new DateOnly(2026, 11, 27));

    private const string Report = """
        PaymentId,OrderId,Kind,CancellationId,OccurredAt,Amount,SupplyFee,Vat,Fee,Net
        019ab3c1-7d2e-7c4a-9a51-3f0c8e6b2d10,order-1001,APPROVAL,,2026-11-25T03:28:01.0000000+00:00,34000,782,78,860,33140
        TOTAL,,,,payout 2026-11-27,34000,782,78,860,33140

        """;

    public static async Task ListSettlementsAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        DescribeDate(operation);
        var response = operation.Responses!["200"];
        if (response is OpenApiResponse ok && ok.Content?.TryGetValue("application/json", out var content) == true)
        {
            ok.Description = "Your settlement line of the date, or an empty list.";
            content.Example = JsonSerializer.SerializeToNode(new[] { Line }, JsonSerializerOptions.Web);
        }

        await ProblemResponses.DescribeAsync(
            operation, context, StatusCodes.Status400BadRequest, "`date` is missing or not a date (`YYYY-MM-DD`).", SettlementEndpoints.InvalidDate().ProblemDetails, cancellationToken);
    }

    public static async Task DownloadReportAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        DescribeDate(operation);
        if (operation.Responses!["200"] is OpenApiResponse ok && ok.Content?.TryGetValue("text/csv", out var content) == true)
        {
            ok.Description = "The report, as a `settlement-<date>.csv` attachment.";
            content.Example = JsonValue.Create(Report);
        }

        await ProblemResponses.DescribeAsync(
            operation, context, StatusCodes.Status400BadRequest, "The date is not a date (`YYYY-MM-DD`).", SettlementEndpoints.InvalidDate().ProblemDetails, cancellationToken);
        await ProblemResponses.DescribeAsync(
            operation,
            context,
            StatusCodes.Status404NotFound,
            "Nothing was settled for you on the date.",
            TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No settlement", detail: $"Nothing was settled for this merchant on {BusinessDate}.").ProblemDetails,
            cancellationToken);
    }

    private static void DescribeDate(OpenApiOperation operation)
    {
        if (operation.Parameters?.OfType<OpenApiParameter>().SingleOrDefault(parameter => parameter.Name == "date") is { } date)
        {
            date.Description = "The KST business date, `YYYY-MM-DD`.";
            date.Required = true;
            date.Example = JsonValue.Create(BusinessDate);
            if (date.Schema is OpenApiSchema schema)
            {
                schema.Format = "date";
            }
        }
    }
}
