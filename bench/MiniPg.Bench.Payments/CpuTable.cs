namespace MiniPg.Bench.Payments;

/// <summary>
/// CPU seconds of each process group over one or more windows of a run, and ms of CPU per accepted payment: one row per
/// MiniPg resource, their total, Aspire's own processes and the load client on lines of their own. The figure to hold
/// against a target is the total of MiniPg's processes; Aspire's share is what running under Aspire adds.
/// </summary>
internal static class CpuTable
{
    private const string MiniPgTotal = "all MiniPg processes (without Aspire's own and the load client)";

    private const string WithAspireTotal = "including Aspire's own";

    public static void Write(TextWriter output, long payments, params IReadOnlyList<CpuWindow> windows)
    {
        output.WriteLine($"| process group | {string.Join(" | ", windows.Select(window => $"{window.Name}: CPU s | ms per payment"))} |");
        output.WriteLine($"|---|{string.Concat(windows.Select(_ => "---:|---:|"))}");
        foreach (var resource in ResourceCpu.MiniPg)
        {
            Row(output, resource, payments, windows, window => window.Used(resource));
        }

        Row(output, MiniPgTotal, payments, windows, MiniPg);
        Row(output, ResourceCpu.Aspire, payments, windows, window => window.Used(ResourceCpu.Aspire));
        Row(output, WithAspireTotal, payments, windows, window => MiniPg(window) + window.Used(ResourceCpu.Aspire));
        Row(output, ResourceCpu.LoadClient, payments, windows, window => window.Used(ResourceCpu.LoadClient));
    }

    private static TimeSpan MiniPg(CpuWindow window) =>
        ResourceCpu.MiniPg.Aggregate(TimeSpan.Zero, (sum, resource) => sum + window.Used(resource));

    private static void Row(TextWriter output, string group, long payments, IReadOnlyList<CpuWindow> windows, Func<CpuWindow, TimeSpan> used)
    {
        var cells = windows.Select(window => used(window)).Select(cpu =>
            $"{ResultTable.Format(cpu.TotalSeconds, "F1")} | {ResultTable.Format(payments > 0 ? cpu.TotalMilliseconds / payments : double.NaN, "F2")}");
        output.WriteLine($"| {group} | {string.Join(" | ", cells)} |");
    }
}

/// <summary>Two readings of <see cref="ResourceCpu.Read"/> around a stretch of a run, named for the table's header.</summary>
internal sealed record CpuWindow(string Name, IReadOnlyDictionary<string, TimeSpan> Before, IReadOnlyDictionary<string, TimeSpan> After)
{
    public TimeSpan Used(string resource) => After.GetValueOrDefault(resource) - Before.GetValueOrDefault(resource);
}
