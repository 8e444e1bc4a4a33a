using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Background work polls: the outbox relay claims rows every 100 ms, each claim a database call with no request
/// around it. Recorded, every poll would be a trace of its own and bury the payment traces in the dashboard. So a
/// client span that would start a trace is dropped; the same call inside a request or a message is kept, and so is
/// everything else (used under a parent-based sampler, which follows the parent's decision).
/// </summary>
internal sealed class DropRootClientSpans : Sampler
{
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);
    private static readonly SamplingResult Record = new(SamplingDecision.RecordAndSample);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind == ActivityKind.Client ? Drop : Record;
}
