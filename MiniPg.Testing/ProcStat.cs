using System.Globalization;

namespace MiniPg.Testing;

/// <summary>A process's state, parent and CPU times from <c>/proc/&lt;pid&gt;/stat</c> (Linux only).</summary>
public static class ProcStat
{
    // USER_HZ: the unit of /proc/<pid>/stat times, 100 on every mainstream Linux architecture.
    private const double TicksPerSecond = 100;

    /// <summary>The numeric fields after the command name: [0] state (0), [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
    public static long[]? TryRead(int pid) =>
        Fields(pid) is { } fields ? [.. fields.Select(field => long.TryParse(field, CultureInfo.InvariantCulture, out var value) ? value : 0)] : null;

    /// <summary>The process's state (<c>R</c>, <c>S</c>, <c>Z</c> for a zombie...), or null once it is gone.</summary>
    public static char? State(int pid) => Fields(pid)?[0][0];

    /// <summary>The CPU a process has used itself (user + system), from the fields <see cref="TryRead"/> returns.</summary>
    public static TimeSpan OwnCpu(long[] stat) => TimeSpan.FromSeconds((stat[11] + stat[12]) / TicksPerSecond);

    /// <summary>
    /// The CPU of the process's children that have exited and been waited for (cutime + cstime), from the fields
    /// <see cref="TryRead"/> returns: once a child is reaped, its time moves here from its own <c>stat</c>.
    /// </summary>
    public static TimeSpan ReapedChildrenCpu(long[] stat) => TimeSpan.FromSeconds((stat[13] + stat[14]) / TicksPerSecond);

    public static long[] Read(int pid) => TryRead(pid) ?? throw new InvalidOperationException($"Process {pid} is gone.");

    /// <summary>
    /// CPU used so far by a process and its live children, plus children it has already reaped. For PostgreSQL's
    /// postmaster that is the whole server: backends, autovacuum workers and those that have exited.
    /// </summary>
    public static TimeSpan ProcessTree(int pid)
    {
        var root = Read(pid);
        var ticks = root[11] + root[12] + root[13] + root[14];
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var child)
                && TryRead(child) is { } stat && stat[1] == pid)
            {
                ticks += stat[11] + stat[12];
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>The fields after the command name (which may hold spaces and parentheses itself), or null once the process is gone.</summary>
    private static string[]? Fields(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }

        return text[(text.LastIndexOf(')') + 2)..].Split(' ');
    }
}
