using Microsoft.Extensions.Logging;

namespace MiniPg.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "[{Resource}] {Line}")]
    public static partial void ChildOutput(ILogger logger, string resource, string line);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Resource} waiting for {Dependencies}")]
    public static partial void ResourceWaiting(ILogger logger, string resource, string dependencies);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Resource} started (pid {ProcessId}), output in {LogFile}")]
    public static partial void ResourceStarted(ILogger logger, string resource, int processId, string logFile);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Resource} ready after {ElapsedMilliseconds} ms")]
    public static partial void ResourceReady(ILogger logger, string resource, long elapsedMilliseconds);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Database {Database} created")]
    public static partial void DatabaseCreated(ILogger logger, string database);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "{Resource} exited with code {ExitCode}")]
    public static partial void ResourceExited(ILogger logger, string resource, int exitCode);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "{Resource} finished")]
    public static partial void ResourceFinished(ILogger logger, string resource);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "{Resource} stopped in {ElapsedMilliseconds} ms")]
    public static partial void ResourceStopped(ILogger logger, string resource, long elapsedMilliseconds);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Stopping {Resource} (pid {ProcessId}), left running by an earlier AppHost of this data folder")]
    public static partial void StoppingOrphan(ILogger logger, string resource, int processId);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "{Count} resources ready in {ElapsedMilliseconds} ms; data in {DataDirectory}")]
    public static partial void ApplicationStarted(ILogger logger, int count, long elapsedMilliseconds, string dataDirectory);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "The application failed to start ({Reason}); stopping what was started")]
    public static partial void StartFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Stopped in {ElapsedMilliseconds} ms")]
    public static partial void ApplicationStopped(ILogger logger, long elapsedMilliseconds);

    [LoggerMessage(EventId = 13, Level = LogLevel.Warning, Message = "Installing missing Debian packages: {Packages}")]
    public static partial void InstallingPackages(ILogger logger, string packages);
}
