namespace MiniPg.Hosting;

/// <summary>The plain-text status display: one table when everything is up, one line per state change afterwards.</summary>
internal static class StatusTable
{
    private static readonly string[] Headers = ["Resource", "Type", "State", "Endpoint"];

    public static void Write(TextWriter output, IReadOnlyList<ResourceSnapshot> snapshots)
    {
        var rows = snapshots
            .Select(snapshot => new[] { snapshot.Name, snapshot.Type, snapshot.DisplayState, snapshot.Endpoint ?? "-" })
            .Prepend(Headers)
            .ToList();
        var widths = Enumerable.Range(0, Headers.Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        output.WriteLine();
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        }

        output.WriteLine();
    }

    public static void WriteChange(TextWriter output, TimeProvider timeProvider, ResourceSnapshot snapshot) =>
        output.WriteLine($"{timeProvider.GetLocalNow():HH:mm:ss} {snapshot.Name}: {snapshot.DisplayState}");
}
