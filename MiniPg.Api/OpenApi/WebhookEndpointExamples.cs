using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using MiniPg.Api.Webhooks;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Webhooks;

namespace MiniPg.Api.OpenApi;

/// <summary>
/// The webhook endpoint operations' examples and response descriptions (<c>/api/v1/webhook-endpoints</c>). Endpoints
/// are made by <see cref="WebhookEndpoint"/> itself and shown through the resources the operations answer with.
/// </summary>
public static class WebhookEndpointExamples
{
    internal static readonly Guid EndpointId = Guid.Parse("019ab1a4-2b6c-7e11-8f3d-4a9c0e5b7d21");

    private const string Url = "https://shop.example/webhooks/minipg";

    /// <summary>A secret of the form <see cref="WebhookSecret.New"/> makes; a real one is random and shown only once.</summary>
    private const string ExampleSecret = WebhookSecret.Prefix + "20XDnz-fuQOXmHTEqOqmMd1fSWlQv7dS-X5_sS78Zqk";

    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The shop's endpoint for every event, as registered.</summary>
    internal static WebhookEndpoint Endpoint() =>
        WebhookEndpoint.Create(EndpointId, DemoMerchants.All[0].Id, Url, WebhookEventTypes.All, "Order service", CreatedAt);

    public static async Task CreateWebhookEndpointAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        OperationExamples.SetRequestExamples(
            operation,
            WebhookJson.Default.CreateWebhookEndpointRequest,
            ("allEvents", "Every event (eventTypes left out)", new CreateWebhookEndpointRequest(Url, EventTypes: null, "Order service")),
            ("failuresOnly", "Only failed payments", new CreateWebhookEndpointRequest("https://ops.example/minipg/failures", [WebhookEventTypes.PaymentFailed], "Alerts")));

        var endpoint = Endpoint();
        var created = OperationExamples.SetResponse(
            operation,
            StatusCodes.Status201Created,
            "Registered. `secret` is the endpoint's signing secret: store it now, it is never shown again.",
            WebhookJson.Default.CreatedWebhookEndpointResource,
            ("allEvents", "Every event, with the signing secret", CreatedWebhookEndpointResource.Of(endpoint) with { Secret = ExampleSecret }));
        created.Headers = new Dictionary<string, IOpenApiHeader>
        {
            ["Location"] = new OpenApiHeader { Description = "The endpoint's URL.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
        };

        await ProblemAsync(
            StatusCodes.Status400BadRequest,
            "The body is invalid; each field in error is named.",
            TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["url"] = [new RequiredAttribute().FormatErrorMessage("url")],
                ["eventTypes"] = [new WebhookEventTypeListAttribute().FormatErrorMessage("eventTypes")],
            }).ProblemDetails);
        await ProblemAsync(
            StatusCodes.Status422UnprocessableEntity,
            $"The URL cannot receive webhooks (the detail says why), or the account already has {WebhookEndpoints.MaxLiveEndpointsPerMerchant} endpoints.",
            WebhookEndpoints.UrlRefused(WebhookTargets.UrlProblem("http://169.254.169.254/latest/meta-data/", allowLoopback: false)!).ProblemDetails);
        await ProblemAsync(StatusCodes.Status422UnprocessableEntity, null, WebhookEndpoints.TooManyEndpoints().ProblemDetails);

        Task ProblemAsync(int status, string? description, ProblemDetails problem) =>
            OperationExamples.DescribeProblemAsync(operation, context, status, description, problem, cancellationToken);
    }

    public static Task ListWebhookEndpointsAsync(OpenApiOperation operation)
    {
        var alerts = WebhookEndpoint.Create(
            Guid.Parse("019ab1b9-6e03-7c52-a1f8-3d7e9b0c4a65"),
            DemoMerchants.All[0].Id,
            "https://ops.example/minipg/failures",
            [WebhookEventTypes.PaymentFailed],
            "Alerts",
            CreatedAt.AddMinutes(22));
        alerts.Disable();
        OperationExamples.SetResponse(
            operation,
            StatusCodes.Status200OK,
            "Your webhook endpoints, oldest first, without their secrets.",
            WebhookJson.Default.WebhookEndpointList,
            ("twoEndpoints", "One for every event, and a disabled one for failures", new WebhookEndpointList([WebhookEndpointResource.Of(Endpoint()), WebhookEndpointResource.Of(alerts)])));
        return Task.CompletedTask;
    }

    public static async Task GetWebhookEndpointAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        DescribeEndpointId(operation);
        OperationExamples.SetResponse(
            operation,
            StatusCodes.Status200OK,
            "The endpoint, without its secret.",
            WebhookJson.Default.WebhookEndpointResource,
            ("endpoint", "An endpoint for every event", WebhookEndpointResource.Of(Endpoint())));
        await NotFoundAsync(operation, context, cancellationToken);
    }

    public static async Task UpdateWebhookEndpointAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        DescribeEndpointId(operation);
        OperationExamples.SetRequestExamples(
            operation,
            WebhookJson.Default.UpdateWebhookEndpointRequest,
            ("disable", "Stop deliveries for now", new UpdateWebhookEndpointRequest(Enabled: false)),
            ("subscribe", "Receive only completed and cancelled payments", new UpdateWebhookEndpointRequest(EventTypes: [WebhookEventTypes.PaymentCompleted, WebhookEventTypes.PaymentCancelled])),
            ("removeNote", "Remove the description", new UpdateWebhookEndpointRequest(Description: string.Empty)));

        var disabled = Endpoint();
        disabled.Disable();
        var subscribed = Endpoint();
        subscribed.Subscribe([WebhookEventTypes.PaymentCompleted, WebhookEventTypes.PaymentCancelled]);
        OperationExamples.SetResponse(
            operation,
            StatusCodes.Status200OK,
            "The endpoint as it is now.",
            WebhookJson.Default.WebhookEndpointResource,
            ("disable", "Disabled", WebhookEndpointResource.Of(disabled)),
            ("subscribe", "Completed and cancelled payments only", WebhookEndpointResource.Of(subscribed)));

        await OperationExamples.DescribeProblemAsync(
            operation,
            context,
            StatusCodes.Status400BadRequest,
            "The body is invalid; each field in error is named.",
            TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["eventTypes"] = [new WebhookEventTypeListAttribute().FormatErrorMessage("eventTypes")],
            }).ProblemDetails,
            cancellationToken);
        await NotFoundAsync(operation, context, cancellationToken);
    }

    public static async Task DeleteWebhookEndpointAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        DescribeEndpointId(operation);
        if (operation.Responses?.TryGetValue("204", out var deleted) == true && deleted is OpenApiResponse response)
        {
            response.Description = "Deleted: nothing more is sent to the endpoint, and its deliveries still waiting are `CANCELLED`.";
        }

        await NotFoundAsync(operation, context, cancellationToken);
        await OperationExamples.DescribeProblemAsync(
            operation,
            context,
            StatusCodes.Status409Conflict,
            "A delivery to the endpoint was being recorded at that moment: delete it again.",
            WebhookEndpoints.DeleteConflict().ProblemDetails,
            cancellationToken);
    }

    /// <summary>The endpoint's <c>id</c> path parameter.</summary>
    internal static void DescribeEndpointId(OpenApiOperation operation) =>
        OperationExamples.DescribeParameter(operation, "id", "The webhook endpoint's `id`, as in its resource and its `Location`.", EndpointId.ToString());

    internal static Task NotFoundAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken) =>
        OperationExamples.DescribeProblemAsync(
            operation,
            context,
            StatusCodes.Status404NotFound,
            "No webhook endpoint with this id exists for your merchant account (or it was deleted).",
            WebhookEndpoints.EndpointNotFound(EndpointId.ToString()).ProblemDetails,
            cancellationToken);
}
