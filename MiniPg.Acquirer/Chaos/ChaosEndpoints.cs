using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MiniPg.Acquirer.Chaos;

public static class ChaosEndpoints
{
    public const int MaxLatencyMs = 60_000;

    public static IEndpointRouteBuilder MapChaosEndpoints(this IEndpointRouteBuilder routes)
    {
        var chaos = routes.MapGroup("/v1/chaos").WithTags("Chaos");
        chaos.MapGet("/", GetChaos).WithName(nameof(GetChaos));
        chaos.MapPut("/", ChangeChaos).WithName(nameof(ChangeChaos)).ProducesValidationProblem();
        chaos.MapDelete("/", ResetChaos).WithName(nameof(ResetChaos));
        return routes;
    }

    public static Ok<ChaosResponse> GetChaos(ChaosSettings settings) =>
        TypedResults.Ok(ChaosResponse.Of(settings.Current));

    public static Ok<ChaosResponse> ResetChaos(ChaosSettings settings, ILogger<ChaosSettings> logger)
    {
        var state = settings.Reset();
        ChaosLog.Changed(logger, (int)state.Latency.TotalMilliseconds, state.FailureRatePercent);
        return TypedResults.Ok(ChaosResponse.Of(state));
    }

    public static Ok<ChaosResponse> ChangeChaos(ChaosRequest request, ChaosSettings settings, ILogger<ChaosSettings> logger)
    {
        var state = new ChaosState(TimeSpan.FromMilliseconds(request.LatencyMs!.Value), request.FailureRatePercent!.Value);
        settings.Change(state);
        ChaosLog.Changed(logger, request.LatencyMs.Value, state.FailureRatePercent);
        return TypedResults.Ok(ChaosResponse.Of(state));
    }
}

public sealed record ChaosRequest(
    [property: Required, Range(0, ChaosEndpoints.MaxLatencyMs)] int? LatencyMs,
    [property: Required, Range(0, 100)] int? FailureRatePercent);

public sealed record ChaosResponse(long LatencyMs, int FailureRatePercent)
{
    public static ChaosResponse Of(ChaosState state) => new((long)state.Latency.TotalMilliseconds, state.FailureRatePercent);
}

internal static partial class ChaosLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Chaos changed: latency {LatencyMs} ms, failure rate {FailureRatePercent}%")]
    public static partial void Changed(ILogger logger, int latencyMs, int failureRatePercent);
}
