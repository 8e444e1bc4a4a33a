using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using MiniPg.Hosting.Publishing;

namespace MiniPg.Hosting;

/// <summary>
/// The running model: starts every resource in dependency order (independent ones in parallel), shows their state and
/// stops them in reverse order. Every child is stopped on Ctrl+C, SIGTERM, dispose, a failed start and process exit.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private static readonly TimeSpan ProcessExitGracePeriod = TimeSpan.FromSeconds(5);

    private readonly IReadOnlyList<Resource> _resources;
    private readonly Dictionary<Resource, ResourceRunner> _runners;
    private readonly HostingSettings _settings;
    private readonly ILoggerFactory _loggerFactory;
    private readonly bool _ownsLoggerFactory;
    private readonly ILogger _logger;
    private readonly HttpClient _httpClient = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private bool _started;
    private bool _disposed;

    internal DistributedApplication(IReadOnlyList<Resource> resources, HostingSettings settings, ILoggerFactory loggerFactory, bool ownsLoggerFactory)
    {
        DependencyOrder.ThrowIfCircular(resources);
        _resources = resources;
        _settings = settings;
        _loggerFactory = loggerFactory;
        _ownsLoggerFactory = ownsLoggerFactory;
        _logger = loggerFactory.CreateLogger("MiniPg.Hosting");
        ResourceNotifications = new ResourceNotificationService(resources);
        var context = new RunnerContext(settings, ResourceNotifications, _logger, _httpClient);
        _runners = resources.ToDictionary(resource => resource, resource => CreateRunner(resource, context));
        AppDomain.CurrentDomain.ProcessExit += KillChildrenOnProcessExit;
    }

    public ResourceNotificationService ResourceNotifications { get; }

    public string DataDirectory => _settings.DataDirectory;

    public static DistributedApplicationBuilder CreateBuilder(string[] args) =>
        CreateBuilder(new DistributedApplicationOptions { Args = args });

    public static DistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DistributedApplicationBuilder(options);
    }

    /// <summary>
    /// Starts every resource and completes when each is running and healthy, or finished for one-shot jobs. On failure
    /// everything started is stopped again and a <see cref="DistributedApplicationException"/> says what went wrong.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                throw new InvalidOperationException("The application has already been started.");
            }

            _started = true;
            var clock = Stopwatch.StartNew();
            Directory.CreateDirectory(_settings.DataDirectory);
            await Prerequisites.VerifyAsync([.. _resources], _settings, _logger, cancellationToken).ConfigureAwait(false);
            await OrphanReaper.StopOrphansAsync(_settings.DataDirectory, _logger, cancellationToken).ConfigureAwait(false);
            foreach (var runner in _runners.Values)
            {
                runner.AllocatePorts();
            }

            await StartAllAsync(cancellationToken).ConfigureAwait(false);
            await ConnectionStringsFile.WriteAsync(_settings.DataDirectory, _resources, cancellationToken).ConfigureAwait(false);
            HostingLog.ApplicationStarted(_logger, _resources.Count, clock.ElapsedMilliseconds, _settings.DataDirectory);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops every resource, dependents before what they depend on.</summary>
    public async Task StopAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopAllAsync().ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Starts the application, prints the status table and runs until Ctrl+C, SIGTERM or <paramref name="cancellationToken"/>,
    /// then stops everything. A failed start is reported on the output and sets a non-zero process exit code.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (PublishCommand.IsRequested(_settings.Args))
        {
            await PublishAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => RequestShutdown(signal, shutdown));
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => RequestShutdown(signal, shutdown));
        using var onHangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, signal => RequestShutdown(signal, shutdown));
        try
        {
            await StartAsync(shutdown.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            return;
        }
        catch (DistributedApplicationException exception)
        {
            _settings.Output.WriteLine(exception.Message);
            Environment.ExitCode = 1;
            return;
        }

        StatusTable.Write(_settings.Output, ResourceNotifications.Snapshots);
        ResourceNotifications.StateChanged += WriteStateChange;
        try
        {
            var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (shutdown.Token.Register(() => stopRequested.TrySetResult()))
            {
                await stopRequested.Task.ConfigureAwait(false);
            }

            _settings.Output.WriteLine("Stopping...");
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            ResourceNotifications.StateChanged -= WriteStateChange;
        }
    }

    /// <summary>
    /// Writes the model as a Docker Compose project (<c>publish [--output-path dir]</c>) and starts nothing; a bad
    /// command line is reported on the output and sets a non-zero process exit code.
    /// </summary>
    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        try
        {
            var outputDirectory = PublishCommand.OutputDirectory(_settings.Args);
            await ComposePublisher.PublishAsync(_resources, _settings.EnvironmentName, outputDirectory, cancellationToken).ConfigureAwait(false);
            _settings.Output.WriteLine($"Wrote {Path.Combine(outputDirectory, ComposePublisher.ComposeFileName)}");
        }
        catch (DistributedApplicationException exception)
        {
            _settings.Output.WriteLine(exception.Message);
            Environment.ExitCode = 1;
        }
    }

    public ValueTask<string?> GetConnectionStringAsync(string resourceName, CancellationToken cancellationToken = default) =>
        Find(resourceName) is IResourceWithConnectionString resource
            ? resource.GetConnectionStringAsync(cancellationToken)
            : throw new ArgumentException($"Resource '{resourceName}' has no connection string.", nameof(resourceName));

    /// <summary>The HTTP endpoint of a project, e.g. <c>http://localhost:5080</c>.</summary>
    public Uri GetEndpoint(string resourceName) =>
        Find(resourceName) is ProjectResource { HttpUrl: { } url }
            ? url
            : throw new ArgumentException($"Resource '{resourceName}' has no allocated HTTP endpoint.", nameof(resourceName));

    public ResourceSnapshot GetResourceState(string resourceName) => ResourceNotifications.GetSnapshot(resourceName);

    /// <summary>Stops one resource and leaves the rest running (to rehearse an outage).</summary>
    public Task StopResourceAsync(string resourceName) => _runners[Find(resourceName)].StopAsync();

    /// <summary>Starts a stopped resource again on the same port and waits until it is healthy.</summary>
    public Task StartResourceAsync(string resourceName, CancellationToken cancellationToken = default) =>
        _runners[Find(resourceName)].StartAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        _disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= KillChildrenOnProcessExit;
        foreach (var runner in _runners.Values)
        {
            runner.Dispose();
        }

        _httpClient.Dispose();
        _lifecycle.Dispose();
        if (_ownsLoggerFactory)
        {
            _loggerFactory.Dispose();
        }
    }

    private static ResourceRunner CreateRunner(Resource resource, RunnerContext context) => resource switch
    {
        PostgresServerResource server => new PostgresServerRunner(server, context),
        PostgresDatabaseResource database => new PostgresDatabaseRunner(database, context),
        RedisResource redis => new RedisRunner(redis, context),
        KafkaServerResource kafka => new KafkaRunner(kafka, context),
        ProjectResource project => new ProjectRunner(project, context),
        _ => throw new NotSupportedException($"No runner for {resource.GetType().Name}."),
    };

    private static void RequestShutdown(PosixSignalContext signal, CancellationTokenSource shutdown)
    {
        signal.Cancel = true;
        shutdown.Cancel();
    }

    private async Task StartAllAsync(CancellationToken cancellationToken)
    {
        // A resource that fails to start cancels every other start. A resource whose dependency failed does not: it
        // is marked FailedToStart, which fails its own dependents in turn, and the report names the root cause.
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? rootFailure = null;
        Exception? dependencyFailure = null;
        var starts = _runners.Values.Select(async runner =>
        {
            try
            {
                await WaitForDependenciesAsync(runner.Resource, abandon.Token).ConfigureAwait(false);
            }
            catch (DistributedApplicationException exception)
            {
                Interlocked.CompareExchange(ref dependencyFailure, exception, null);
                ResourceNotifications.Publish(runner.Resource.Name, snapshot => snapshot with { State = ResourceState.FailedToStart });
                throw;
            }

            try
            {
                await runner.StartAsync(abandon.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Interlocked.CompareExchange(ref rootFailure, exception, null);
                await abandon.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }).ToList();

        try
        {
            await Task.WhenAll(starts).ConfigureAwait(false);
        }
        catch (Exception exception) when (rootFailure is not null || dependencyFailure is not null || exception is OperationCanceledException)
        {
            var failure = rootFailure ?? dependencyFailure;
            if (failure is not null)
            {
                HostingLog.StartFailed(_logger, failure.Message);
            }

            await StopAllAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw failure as DistributedApplicationException
                ?? new DistributedApplicationException($"The application failed to start: {failure!.Message}", failure);
        }
    }

    private async Task WaitForDependenciesAsync(Resource resource, CancellationToken cancellationToken)
    {
        if (resource.Waits.Count == 0)
        {
            return;
        }

        ResourceNotifications.Publish(resource.Name, snapshot => snapshot with { State = ResourceState.Waiting });
        var dependencies = string.Join(", ", resource.Waits.Select(wait => wait.Dependency.Name));
        HostingLog.ResourceWaiting(_logger, resource.Name, dependencies);
        await Task.WhenAll(resource.Waits.Select(async wait =>
        {
            var snapshot = await ResourceNotifications
                .WaitForResourceAsync(wait.Dependency.Name, snapshot => IsSatisfied(wait, snapshot) || snapshot.IsTerminal, cancellationToken)
                .ConfigureAwait(false);
            if (!IsSatisfied(wait, snapshot))
            {
                throw new DistributedApplicationException($"{resource.Name} will not start: {wait.Dependency.Name} is {snapshot.DisplayState}.");
            }
        })).ConfigureAwait(false);
    }

    private static bool IsSatisfied(ResourceWait wait, ResourceSnapshot snapshot) => wait.Behavior switch
    {
        WaitBehavior.Healthy => snapshot is { State: ResourceState.Running, IsHealthy: true },
        WaitBehavior.Completion => snapshot.State == ResourceState.Finished,
        _ => false,
    };

    private async Task StopAllAsync()
    {
        var clock = Stopwatch.StartNew();
        var anythingRunning = _runners.Values.Any(runner => runner.LiveProcesses.Any());
        await DependencyOrder.ForEachDependentsFirstAsync(_resources, resource => _runners[resource].StopAsync()).ConfigureAwait(false);
        if (anythingRunning)
        {
            HostingLog.ApplicationStopped(_logger, clock.ElapsedMilliseconds);
        }
    }

    private Resource Find(string resourceName) =>
        _resources.FirstOrDefault(resource => string.Equals(resource.Name, resourceName, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No resource named '{resourceName}'.", nameof(resourceName));

    private void WriteStateChange(ResourceSnapshot snapshot) => StatusTable.WriteChange(_settings.Output, _settings.TimeProvider, snapshot);

    /// <summary>The last line of defence (an unhandled exception, Environment.Exit): no await is possible here.</summary>
    private void KillChildrenOnProcessExit(object? sender, EventArgs e) =>
        OrphanReaper.KillNow(_runners.Values.SelectMany(runner => runner.LiveProcesses), ProcessExitGracePeriod);
}
