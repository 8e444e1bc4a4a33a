using System.Globalization;
using System.Net;

namespace MiniPg.Bench.Payments;

/// <summary>
/// What a load run counts: null for an answer that counts, otherwise the name it is tallied under as an error.
/// </summary>
internal static class Answers
{
    /// <summary>The header the Api marks a stored response with when it answers a replay (<c>IdempotencyKeyHeader.ReplayedHeaderName</c> in MiniPg.Api).</summary>
    private const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>A first request counts when it is accepted: 202.</summary>
    public static string? Accepted(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Accepted ? null : Status(response);

    /// <summary>
    /// A replay (same key, same body) counts when it gets the stored 202 marked as a replay; a 202 without the mark was
    /// taken as a new request, which is an error.
    /// </summary>
    public static string? Replayed(HttpResponseMessage response) =>
        response.StatusCode != HttpStatusCode.Accepted ? Status(response)
        : response.Headers.TryGetValues(ReplayedHeader, out var values) && values.Contains("true", StringComparer.OrdinalIgnoreCase) ? null
        : "202 not marked replayed";

    private static string Status(HttpResponseMessage response) => ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
}
