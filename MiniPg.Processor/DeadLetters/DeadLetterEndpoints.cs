using Microsoft.AspNetCore.Http.HttpResults;
using MiniPg.Infrastructure.Operators;

namespace MiniPg.Processor.DeadLetters;

public sealed record DeadLetterReplay(int Replayed);

/// <summary>The Processor's operator interface: replay the dead letters (the AppHost's dashboard command calls it).</summary>
public static class DeadLetterEndpoints
{
    public static IEndpointRouteBuilder MapDeadLetterEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/dead-letters").RequireOperatorKey().WithTags("Dead letters")
            .MapPost("/replay", ReplayDeadLetters)
            .WithName(nameof(ReplayDeadLetters))
            .WithSummary("Replay the dead letters")
            .WithDescription(
                "Sends every payment request waiting in `payment.requested.dlt` back to `payment.requested` with a fresh attempt "
                + "count, and answers how many went back. A second call replays only letters that arrived since; a letter that "
                + "fails again waits for the next call. Call it once the cause (an acquirer outage, a bug fix) is dealt with.");
        return routes;
    }

    public static async Task<Ok<DeadLetterReplay>> ReplayDeadLetters(DeadLetterReplayer replayer, CancellationToken cancellationToken) =>
        TypedResults.Ok(new DeadLetterReplay(await replayer.ReplayAsync(cancellationToken)));
}
