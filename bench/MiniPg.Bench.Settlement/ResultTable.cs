using System.Globalization;

namespace MiniPg.Bench.Settlement;

/// <summary>The benchmark's output: one Markdown row per timed step, each also as a ratio to the GROUP BY floor and to the SQL script floor.</summary>
internal sealed class ResultTable
{
    private readonly List<(string Step, long Rows, TimeSpan Elapsed)> _rows = [];

    public void Add(string step, long rows, TimeSpan elapsed) => _rows.Add((step, rows, elapsed));

    public void Write(TextWriter output, TimeSpan groupByFloor, TimeSpan scriptFloor)
    {
        output.WriteLine("| step | rows | seconds | rows/s | × GROUP BY floor | × SQL script floor |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (step, rows, elapsed) in _rows)
        {
            var seconds = elapsed.TotalSeconds;
            var rate = rows > 0 && seconds > 0 ? Format(rows / seconds, "N0") : "-";
            output.WriteLine($"| {step} | {Format(rows, "N0")} | {Format(seconds, "F3")} | {rate} | {Format(seconds / groupByFloor.TotalSeconds, "N1")} | {Format(seconds / scriptFloor.TotalSeconds, "N2")} |");
        }
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
