using System.Collections.Concurrent;
using CliWrap;

namespace MiniPg.Tests.EndToEnd;

/// <summary>
/// The AppHost as a user runs it: its own process, a fresh data folder, stopped with SIGTERM (what Ctrl+C and
/// `kill` send), never killed by the test unless it overstays.
/// </summary>
internal sealed class AppHostProcess : IAsyncDisposable
{
    private readonly CancellationTokenSource _kill = new();
    private readonly ConcurrentQueue<string> _output = new();
    private readonly CommandTask<CommandResult> _run;

    private AppHostProcess(string dataDirectory)
    {
        DataDirectory = dataDirectory;
        _run = Cli.Wrap("dotnet")
            .WithArguments([AssemblyPath()])
            .WithEnvironmentVariables(env => env.Set("MINIPG_DATA_DIR", dataDirectory))
            .WithStandardOutputPipe(PipeTarget.ToDelegate(_output.Enqueue))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(_output.Enqueue))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(_kill.Token);
    }

    public string DataDirectory { get; }

    public string Output => string.Join(Environment.NewLine, _output);

    public bool HasExited => _run.Task.IsCompleted;

    public static AppHostProcess Start() =>
        new(Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"minipg-e2e-{Guid.NewGuid():N}")).FullName);

    /// <summary>Sends SIGTERM and waits for the AppHost to stop everything it started.</summary>
    public async Task<int> StopAsync(TimeSpan patience)
    {
        var pid = _run.ProcessId;
        await Cli.Wrap("kill").WithArguments(["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]).ExecuteAsync();
        var result = await _run.Task.WaitAsync(patience);
        return result.ExitCode;
    }

    /// <summary>
    /// The processes the AppHost started for this data folder and that are still alive: those named by its pid files
    /// (PostgreSQL and Redis rewrite their process titles, so /proc alone cannot recognise them).
    /// </summary>
    public IReadOnlyList<int> LiveChildren() =>
        Directory.EnumerateFiles(DataDirectory, "*.pid")
            .Select(file => int.Parse(File.ReadLines(file).First(), System.Globalization.CultureInfo.InvariantCulture))
            .Where(IsAlive)
            .ToList();

    public static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}");

    public async ValueTask DisposeAsync()
    {
        if (!_run.Task.IsCompleted)
        {
            await _kill.CancelAsync();
            await _run.Task.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _kill.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>The AppHost built beside the tests, in the same configuration (bin/Debug/net10.0 or bin/Release/net10.0).</summary>
    public static string AssemblyPath()
    {
        var testsDirectory = new DirectoryInfo(AppContext.BaseDirectory);
        while (testsDirectory.Name != "MiniPg.Tests")
        {
            testsDirectory = testsDirectory.Parent ?? throw new InvalidOperationException("The tests do not run from MiniPg.Tests/bin.");
        }

        var output = Path.GetRelativePath(testsDirectory.FullName, AppContext.BaseDirectory);
        return Path.Combine(testsDirectory.Parent!.FullName, "MiniPg.AppHost", output, "MiniPg.AppHost.dll");
    }
}
