using System.Globalization;

namespace MiniPg.Bench.Payments;

/// <summary>
/// The benchmark's output: one Markdown row per step. Throughput rows give a rate, latency rows percentiles; the last
/// column is each row against its floor (the floor endpoint's requests/s, or one GET round trip's p50).
/// </summary>
internal sealed class ResultTable
{
    private readonly List<Row> _rows = [];

    public void AddRate(string step, long count, TimeSpan elapsed, string ratio) =>
        _rows.Add(new Row(step, count, elapsed, count / elapsed.TotalSeconds, null, ratio));

    public void AddLatency(string step, LatencySummary latency, TimeSpan elapsed, string ratio) =>
        _rows.Add(new Row(step, latency.Count, elapsed, latency.Count / elapsed.TotalSeconds, latency, ratio));

    public void Write(TextWriter output)
    {
        output.WriteLine("| step | count | seconds | per second | p50 ms | p95 ms | p99 ms | max ms | × floor |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in _rows)
        {
            var latency = row.Latency is { } l
                ? $"{Format(l.P50, "F1")} | {Format(l.P95, "F1")} | {Format(l.P99, "F1")} | {Format(l.Max, "F1")}"
                : "- | - | - | -";
            output.WriteLine($"| {row.Step} | {Format(row.Count, "N0")} | {Format(row.Elapsed.TotalSeconds, "F2")} | {Format(row.PerSecond, "N0")} | {latency} | {row.Ratio} |");
        }
    }

    public static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private sealed record Row(string Step, long Count, TimeSpan Elapsed, double PerSecond, LatencySummary? Latency, string Ratio);
}

/// <summary>Percentiles (nearest rank) of a sample of durations, in milliseconds.</summary>
internal sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max)
{
    public static LatencySummary Of(IEnumerable<TimeSpan> sample)
    {
        var sorted = sample.Select(duration => duration.TotalMilliseconds).Order().ToArray();
        if (sorted.Length == 0)
        {
            return new LatencySummary(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double Rank(double percentile) => sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, Rank(50), Rank(95), Rank(99), sorted[^1]);
    }
}
