using System.Diagnostics;
using System.Globalization;
using MiniPg.Testing;
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
    public static async Task<CpuMeter> LocateAsync(NpgsqlDataSource postgres, string redisConnectionString, CancellationToken cancellationToken)
    {
        await using var command = postgres.CreateCommand("SELECT pg_backend_pid()");
        var backendPid = (int)(await command.ExecuteScalarAsync(cancellationToken) ?? throw new InvalidOperationException("No backend pid."));
        var postmasterPid = (int)ProcStat.Read(backendPid)[1];
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
        return new CpuTimes(self.TotalProcessorTime, ProcStat.ProcessTree(postmasterPid), ProcStat.ProcessTree(redisPid));
    }
}

internal sealed record CpuTimes(TimeSpan Bench, TimeSpan Postgres, TimeSpan Redis)
{
    public static CpuTimes operator -(CpuTimes after, CpuTimes before) =>
        new(after.Bench - before.Bench, after.Postgres - before.Postgres, after.Redis - before.Redis);
}
