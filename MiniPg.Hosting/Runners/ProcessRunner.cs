using System.Diagnostics;

namespace MiniPg.Hosting;

/// <summary>A resource backed by one child process: prepare, start, wait until healthy (or finished), stop.</summary>
internal abstract class ProcessRunner(Resource resource, RunnerContext context) : ResourceRunner(resource, context)
{
    private ChildProcess? _process;
    private Task? _exitWatch;
    private ResourceLog? _log;
    private volatile bool _stopping;

    public override IEnumerable<(int ProcessId, int StopSignal)> LiveProcesses =>
        _process is { Exited.IsCompleted: false } process ? [(process.ProcessId, StopSignal)] : [];

    /// <summary>Whether the child's output is echoed to the application output (projects) or kept to the log file and Debug level (servers).</summary>
    protected virtual bool EchoOutput => false;

    /// <summary>A one-shot job has no health probe: it succeeds by exiting with code 0.</summary>
    protected virtual bool IsOneShot => false;

    protected virtual TimeSpan ReadinessTimeout => TimeSpan.FromSeconds(60);

    protected virtual TimeSpan StopGracePeriod => TimeSpan.FromSeconds(10);

    /// <summary>The signal that asks the child to shut down cleanly.</summary>
    protected virtual int StopSignal => NativeMethods.SigTerm;

    protected ResourceLog Log => _log ??= new ResourceLog(
        Resource.Name,
        Context.Settings.LogFile(Resource.Name),
        EchoOutput ? Context.Settings.Output : null,
        Context.Logger);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_process is { Exited.IsCompleted: false })
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        Publish(snapshot => snapshot with { State = ResourceState.Starting, IsHealthy = false, ExitCode = null, ProcessId = null, Endpoint = Endpoint });
        try
        {
            var spec = await PrepareAsync(cancellationToken).ConfigureAwait(false);
            _stopping = false;
            _process?.Dispose();
            var process = ChildProcess.Start(spec, Log, Context.Settings, Resource.Name, StopSignal);
            _process = process;
            HostingLog.ResourceStarted(Context.Logger, Resource.Name, process.ProcessId, Log.Path);
            Publish(snapshot => snapshot with { State = ResourceState.Running, ProcessId = process.ProcessId });
            _exitWatch = WatchExitAsync(process);
            if (IsOneShot)
            {
                await WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await WaitUntilHealthyAsync(process, cancellationToken).ConfigureAwait(false);
            }

            if (!IsOneShot)
            {
                HostingLog.ResourceReady(Context.Logger, Resource.Name, clock.ElapsedMilliseconds);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Publish(snapshot => snapshot.IsTerminal ? snapshot : snapshot with { State = ResourceState.FailedToStart, IsHealthy = false });
            throw;
        }
    }

    public override async Task StopAsync()
    {
        if (_process is not { Exited.IsCompleted: false } process)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        _stopping = true;
        Publish(snapshot => snapshot with { State = ResourceState.Stopping, IsHealthy = false });
        await process.StopAsync(StopGracePeriod).ConfigureAwait(false);
        await (_exitWatch ?? Task.CompletedTask).ConfigureAwait(false);
        Publish(snapshot => snapshot with { State = ResourceState.Stopped, ProcessId = null });
        HostingLog.ResourceStopped(Context.Logger, Resource.Name, clock.ElapsedMilliseconds);
    }

    public override void Dispose()
    {
        _process?.Dispose();
        _log?.Dispose();
        base.Dispose();
    }

    /// <summary>Creates folders and configuration, runs one-time set-up tools, and returns the command of the long-lived child.</summary>
    protected abstract Task<ProcessSpec> PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Throws one of the "not ready yet" exceptions of <see cref="Readiness"/> until the resource answers.</summary>
    protected abstract Task ProbeHealthAsync(CancellationToken cancellationToken);

    private async Task WaitForCompletionAsync(CancellationToken cancellationToken)
    {
        var outcome = await Context.Notifications
            .WaitForResourceAsync(Resource.Name, snapshot => snapshot.IsTerminal, cancellationToken)
            .ConfigureAwait(false);
        if (outcome.State != ResourceState.Finished)
        {
            var outcomeText = outcome.State == ResourceState.Exited ? $"exited with code {outcome.ExitCode}" : $"is {outcome.DisplayState}";
            throw new DistributedApplicationException($"{Resource.Name} {outcomeText}; its output is in {Log.Path}");
        }
    }

    private async Task WaitUntilHealthyAsync(ChildProcess process, CancellationToken cancellationToken)
    {
        using var probing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ready = Readiness.WaitAsync(Resource.Name, ReadinessTimeout, Context.Settings.TimeProvider, ProbeHealthAsync, probing.Token);
        if (await Task.WhenAny(ready, process.Exited).ConfigureAwait(false) == process.Exited)
        {
            await probing.CancelAsync().ConfigureAwait(false);
            await ready.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw new DistributedApplicationException(
                $"{Resource.Name} exited with code {await process.Exited.ConfigureAwait(false)} before it became healthy; its output is in {Log.Path}");
        }

        await ready.ConfigureAwait(false);
        Publish(snapshot => snapshot with { IsHealthy = true });
    }

    private async Task WatchExitAsync(ChildProcess process)
    {
        var exitCode = await process.Exited.ConfigureAwait(false);
        if (_stopping || exitCode is null)
        {
            return;
        }

        var finished = exitCode == 0 && IsOneShot;
        Publish(snapshot => snapshot with
        {
            State = finished ? ResourceState.Finished : ResourceState.Exited,
            IsHealthy = false,
            ExitCode = exitCode,
            ProcessId = null,
        });
        if (finished)
        {
            HostingLog.ResourceFinished(Context.Logger, Resource.Name);
        }
        else
        {
            HostingLog.ResourceExited(Context.Logger, Resource.Name, exitCode.Value);
        }
    }
}
