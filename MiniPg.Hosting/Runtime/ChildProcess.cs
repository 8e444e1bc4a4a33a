using System.Globalization;
using CliWrap;

namespace MiniPg.Hosting;

/// <summary>
/// One running child. Started through <c>setsid</c> (which execs, so the pid is the child's own) so that a Ctrl+C in the
/// terminal reaches only the AppHost, which then stops the children in reverse dependency order instead of all at once.
/// Stopping sends the resource's own stop signal, then kills the process tree (CliWrap's forceful cancellation) if it is
/// still alive after the grace period. Not CliWrap's graceful cancellation: that is SIGINT, and a process started in the
/// background (nohup, <c>&amp;</c> in a script) inherits SIGINT as ignored, which the JVM and .NET then honour.
/// While it runs, <c>&lt;data&gt;/&lt;name&gt;.pid</c> holds its pid and stop signal, so a later AppHost can clean up after a kill -9.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    /// <summary>Marks every child with the data folder, so orphan clean-up recognises only processes this AppHost started.</summary>
    public const string DataDirectoryVariable = "MINIPG_APPHOST_DATA_DIR";

    private readonly CancellationTokenSource _forceful = new();
    private readonly string _pidFile;
    private readonly int _stopSignal;

    private ChildProcess(ProcessSpec spec, ResourceLog log, HostingSettings settings, string pidFile, int stopSignal)
    {
        _pidFile = pidFile;
        _stopSignal = stopSignal;
        var environment = new Dictionary<string, string?>(spec.Environment, StringComparer.Ordinal)
        {
            [DataDirectoryVariable] = settings.DataDirectory,
        };
        var task = Cli.Wrap("setsid")
            .WithArguments(spec.Arguments.Prepend(spec.FileName))
            .WithWorkingDirectory(spec.WorkingDirectory)
            .WithEnvironmentVariables(environment)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(log.WriteLine))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(log.WriteLine))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(_forceful.Token);
        ProcessId = task.ProcessId;
        File.WriteAllLines(pidFile, [ProcessId.ToString(CultureInfo.InvariantCulture), stopSignal.ToString(CultureInfo.InvariantCulture)]);
        Exited = ObserveExitAsync(task);
    }

    public int ProcessId { get; }

    /// <summary>The exit code, or <see langword="null"/> when the process was stopped by <see cref="StopAsync"/>.</summary>
    public Task<int?> Exited { get; }

    public static ChildProcess Start(ProcessSpec spec, ResourceLog log, HostingSettings settings, string resourceName, int stopSignal)
    {
        log.WriteLine($"> {spec}");
        return new ChildProcess(spec, log, settings, settings.PidFile(resourceName), stopSignal);
    }

    public async Task StopAsync(TimeSpan gracePeriod)
    {
        if (!Exited.IsCompleted)
        {
            _forceful.CancelAfter(gracePeriod);
            NativeMethods.Kill(ProcessId, _stopSignal);
        }

        await Exited.ConfigureAwait(false);
    }

    public void Dispose() => _forceful.Dispose();

    private async Task<int?> ObserveExitAsync(CommandTask<CommandResult> task)
    {
        try
        {
            var result = await task.ConfigureAwait(false);
            return result.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        finally
        {
            File.Delete(_pidFile);
        }
    }
}
