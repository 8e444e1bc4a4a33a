using Microsoft.Extensions.Logging;

namespace MiniPg.Hosting;

/// <summary>
/// Where a child's output goes. Every line is appended to <c>&lt;data&gt;/&lt;name&gt;.log</c>. Projects' lines are also
/// written to the application output with a <c>[name]</c> prefix, because that is the code being worked on; the
/// infrastructure (PostgreSQL, Redis, Kafka) is chatty, so its lines reach the logger only at Debug level and the
/// console stays readable. Open the log file when a server misbehaves.
/// </summary>
internal sealed class ResourceLog : IDisposable
{
    private readonly Lock _gate = new();
    private readonly string _resourceName;
    private readonly StreamWriter _file;
    private readonly TextWriter? _echo;
    private readonly ILogger _logger;
    private bool _disposed;

    public ResourceLog(string resourceName, string path, TextWriter? echo, ILogger logger)
    {
        _resourceName = resourceName;
        Path = path;
        _echo = echo;
        _logger = logger;
        _file = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public string Path { get; }

    public void WriteLine(string line)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _file.WriteLine(line);
            }
        }

        if (_echo is not null)
        {
            _echo.WriteLine($"[{_resourceName}] {line}");
        }
        else
        {
            HostingLog.ChildOutput(_logger, _resourceName, line);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _file.Dispose();
        }
    }
}
