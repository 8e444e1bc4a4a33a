using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace MiniPg.Hosting;

/// <summary>
/// Stops children left behind by an earlier AppHost of the same data folder that died without cleaning up (kill -9).
/// A pid file alone is not proof: the pid may have been reused, so a process is stopped only when it carries this data
/// folder in its command line, its working folder or its <see cref="ChildProcess.DataDirectoryVariable"/>.
/// </summary>
internal static class OrphanReaper
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task StopOrphansAsync(string dataDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        var orphans = Directory.EnumerateFiles(dataDirectory, "*.pid")
            .Select(pidFile => (PidFile: pidFile, Lines: File.ReadAllLines(pidFile)))
            .ToList();
        await Task.WhenAll(orphans.Select(orphan => StopOrphanAsync(orphan.PidFile, orphan.Lines, dataDirectory, logger, cancellationToken)))
            .ConfigureAwait(false);
    }

    /// <summary>The pid file holds the pid, then the signal that stops the process cleanly (SIGTERM when absent).</summary>
    private static async Task StopOrphanAsync(string pidFile, string[] lines, string dataDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        if (ParseNumber(lines, 0) is { } pid && pid != Environment.ProcessId && IsAlive(pid) && BelongsTo(pid, dataDirectory))
        {
            var name = Path.GetFileNameWithoutExtension(pidFile);
            HostingLog.StoppingOrphan(logger, name, pid);
            NativeMethods.Kill(pid, ParseNumber(lines, 1) ?? NativeMethods.SigTerm);
            if (!await ExitsWithinAsync(pid, GracePeriod, cancellationToken).ConfigureAwait(false))
            {
                NativeMethods.Kill(pid, NativeMethods.SigKill);
                await ExitsWithinAsync(pid, GracePeriod, cancellationToken).ConfigureAwait(false);
            }
        }

        File.Delete(pidFile);
    }

    /// <summary>Signals every live process synchronously: for the last moment of a dying AppHost, when nothing can be awaited.</summary>
    public static void KillNow(IEnumerable<(int ProcessId, int StopSignal)> processes, TimeSpan gracePeriod)
    {
        var alive = processes.Where(process => IsAlive(process.ProcessId)).ToList();
        alive.ForEach(process => NativeMethods.Kill(process.ProcessId, process.StopSignal));
        var clock = Stopwatch.StartNew();
        while (alive.Exists(process => IsAlive(process.ProcessId)) && clock.Elapsed < gracePeriod)
        {
            Thread.Sleep(PollInterval);
        }

        alive.Where(process => IsAlive(process.ProcessId)).ToList().ForEach(process => NativeMethods.Kill(process.ProcessId, NativeMethods.SigKill));
    }

    private static int? ParseNumber(string[] lines, int index) =>
        lines.Length > index && int.TryParse(lines[index].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>Alive and not a zombie (state Z) waiting for its parent to reap it.</summary>
    private static bool IsAlive(int pid) =>
        ReadProcFile(pid, "stat") is { Length: > 0 } stat && !stat.Contains(") Z ", StringComparison.Ordinal);

    private static bool BelongsTo(int pid, string dataDirectory)
    {
        var commandLine = ReadProcFile(pid, "cmdline").Replace('\0', ' ');
        var environment = ReadProcFile(pid, "environ").Split('\0');
        var workingDirectory = ReadProcLink(pid, "cwd");
        return commandLine.Contains(dataDirectory + "/", StringComparison.Ordinal)
            || workingDirectory == dataDirectory
            || workingDirectory.StartsWith(dataDirectory + "/", StringComparison.Ordinal)
            || environment.Contains($"{ChildProcess.DataDirectoryVariable}={dataDirectory}", StringComparer.Ordinal);
    }

    private static string ReadProcFile(int pid, string name)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/{name}");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static string ReadProcLink(int pid, string name)
    {
        try
        {
            return new DirectoryInfo($"/proc/{pid}/{name}").LinkTarget ?? string.Empty;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static async Task<bool> ExitsWithinAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (IsAlive(pid))
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
