using Microsoft.AspNetCore.Http.HttpResults;
using MiniPg.Infrastructure.Operators;

namespace MiniPg.Processor.DeadLetters;

public sealed record DeadLetterReplay(int Replayed);

/// <summary>The Processor's operator interface: replay the dead letters (the AppHost's dashboard command calls it).</summary>
public static class DeadLetterEndpoints
{
    public static IEndpointRouteBuilder MapDeadLetterEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/dead-letters").AddEndpointFilter<OperatorKeyFilter>().WithTags("Dead letters")
            .MapPost("/replay", ReplayDeadLetters).WithName(nameof(ReplayDeadLetters));
        return routes;
    }

    public static async Task<Ok<DeadLetterReplay>> ReplayDeadLetters(DeadLetterReplayer replayer, CancellationToken cancellationToken) =>
        TypedResults.Ok(new DeadLetterReplay(await replayer.ReplayAsync(cancellationToken)));
}
