using System.Diagnostics;
using System.Globalization;
using Npgsql;
using StackExchange.Redis;

namespace MiniPg.Bench.Settlement;

/// <summary>
/// CPU time spent by this process, the whole PostgreSQL server and Redis, read from <c>/proc</c> (Linux only), so a
/// run's wall time can be split into who was busy. PostgreSQL counts the postmaster, its live children and, through
/// the postmaster's reaped-children times, backends and autovacuum workers that have exited.
/// </summary>
internal sealed class CpuMeter(int postmasterPid, int redisPid)
{
    // USER_HZ: the unit of /proc/<pid>/stat times, 100 on every mainstream Linux architecture.
    private const double TicksPerSecond = 100;

    public static async Task<CpuMeter> LocateAsync(NpgsqlDataSource postgres, string redisConnectionString, CancellationToken cancellationToken)
    {
        await using var command = postgres.CreateCommand("SELECT pg_backend_pid()");
        var backendPid = (int)(await command.ExecuteScalarAsync(cancellationToken) ?? throw new InvalidOperationException("No backend pid."));
        var postmasterPid = (int)Stat(backendPid)[1];
        // INFO is an admin command: a short-lived admin connection of its own, not the cache's.
        var options = ConfigurationOptions.Parse(redisConnectionString);
        options.AllowAdmin = true;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var info = await server.InfoAsync("server");
        var redisPid = int.Parse(info.SelectMany(group => group).Single(pair => pair.Key == "process_id").Value, CultureInfo.InvariantCulture);
        return new CpuMeter(postmasterPid, redisPid);
    }

    public CpuTimes Read()
    {
        using var self = Process.GetCurrentProcess();
        var postmaster = Stat(postmasterPid);
        var postgres = postmaster[11] + postmaster[12] + postmaster[13] + postmaster[14];
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid)
                && TryStat(pid) is { } child && child[1] == postmasterPid)
            {
                postgres += child[11] + child[12];
            }
        }

        var redis = Stat(redisPid);
        return new CpuTimes(self.TotalProcessorTime, Seconds(postgres), Seconds(redis[11] + redis[12]));
    }

    private static TimeSpan Seconds(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    private static long[] Stat(int pid) => TryStat(pid) ?? throw new InvalidOperationException($"Process {pid} is gone.");

    /// <summary>The numeric fields of <c>/proc/&lt;pid&gt;/stat</c> after the command name: [0] state (0), [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
    private static long[]? TryStat(int pid)
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

        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return [.. fields.Select(field => long.TryParse(field, CultureInfo.InvariantCulture, out var value) ? value : 0)];
    }
}

internal sealed record CpuTimes(TimeSpan Bench, TimeSpan Postgres, TimeSpan Redis)
{
    public static CpuTimes operator -(CpuTimes after, CpuTimes before) =>
        new(after.Bench - before.Bench, after.Postgres - before.Postgres, after.Redis - before.Redis);
}
