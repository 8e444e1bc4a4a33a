using Microsoft.AspNetCore.Http.HttpResults;
using MiniPg.Domain.Webhooks;

namespace MiniPg.WebhookReceiver.Receiving;

public sealed record ReceivedEventList(IReadOnlyList<ReceivedEvent> Data);

/// <summary><c>POST /webhooks</c>, where MiniPg delivers, and <c>GET /events</c>, what arrived, each event once.</summary>
public static class ReceivingEndpoints
{
    public static IEndpointRouteBuilder MapReceivingEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/webhooks", ReceiveWebhook).WithName(nameof(ReceiveWebhook));
        routes.MapGet("/events", ListReceivedEvents).WithName(nameof(ListReceivedEvents));
        return routes;
    }

    /// <summary>200 for every signed event, a duplicate included (so MiniPg stops retrying it); 401 when the signature does not verify.</summary>
    public static async Task<Results<Ok, ProblemHttpResult>> ReceiveWebhook(HttpRequest request, WebhookInbox inbox, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        return inbox.Receive(body.ToArray(), request.Headers[WebhookSignature.HeaderName]) switch
        {
            InboxOutcome.Accepted or InboxOutcome.Duplicate => TypedResults.Ok(),
            InboxOutcome.BadSignature => TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "The signature does not verify.",
                detail: $"No secret this receiver knows verifies {WebhookSignature.HeaderName} over this body within {WebhookSignature.DefaultTolerance.TotalMinutes} minutes."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not a MiniPg event."),
        };
    }

    public static Ok<ReceivedEventList> ListReceivedEvents(WebhookInbox inbox) => TypedResults.Ok(new ReceivedEventList(inbox.Events));
}
