using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using CliWrap;

namespace MiniPg.Bench.Payments;

/// <summary>
/// The built AppHost as a user runs it (<c>dotnet run --project MiniPg.AppHost --no-build</c>, with its launch profile,
/// as the end-to-end test does): a fresh data folder, stopped with SIGTERM, killed only if it overstays. Its output is
/// kept in memory and shown only when it fails.
/// </summary>
internal sealed class AppHostProcess : IAsyncDisposable
{
    private readonly CancellationTokenSource _kill = new();
    private readonly ConcurrentQueue<string> _output = new();
    private readonly CommandTask<CommandResult> _run;

    private AppHostProcess(string assemblyPath, string dataDirectory)
    {
        DataDirectory = dataDirectory;
        var project = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(assemblyPath)!, "..", "..", ".."));
        var configuration = new DirectoryInfo(Path.GetDirectoryName(assemblyPath)!).Parent!.Name;
        _run = Cli.Wrap("dotnet")
            .WithArguments(["run", "--project", project, "--no-build", "--configuration", configuration])
            .WithWorkingDirectory(Path.GetDirectoryName(project)!)
            .WithEnvironmentVariables(env => env.Set("MINIPG_DATA_DIR", dataDirectory))
            .WithStandardOutputPipe(PipeTarget.ToDelegate(_output.Enqueue))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(_output.Enqueue))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(_kill.Token);
    }

    public string DataDirectory { get; }

    public string Output => string.Join(Environment.NewLine, _output);

    public bool HasExited => _run.Task.IsCompleted;

    public static AppHostProcess Start(string assemblyPath) =>
        new(assemblyPath, Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"minipg-bench-payments-{Guid.NewGuid():N}")).FullName);

    /// <summary>
    /// <c>MiniPg.AppHost/bin/&lt;configuration&gt;/net10.0/MiniPg.AppHost.dll</c> in the same configuration as this
    /// benchmark, under the folder holding <c>MiniPg.sln</c>.
    /// </summary>
    public static string AssemblyPath()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "MiniPg.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("The benchmark does not run from inside the MiniPg repository.");
        }

        var project = Path.Combine(root.FullName, "bench", "MiniPg.Bench.Payments");
        var output = Path.GetRelativePath(project, AppContext.BaseDirectory);
        return Path.Combine(root.FullName, "MiniPg.AppHost", output, "MiniPg.AppHost.dll");
    }

    /// <summary>The connection strings the AppHost writes once everything is up: name → connection string.</summary>
    public IReadOnlyDictionary<string, string>? ConnectionStrings()
    {
        var file = Path.Combine(DataDirectory, "connection-strings.json");
        if (!File.Exists(file))
        {
            return null;
        }

        using var json = JsonDocument.Parse(File.ReadAllText(file));
        return json.RootElement.GetProperty("ConnectionStrings").EnumerateObject()
            .ToDictionary(property => property.Name, property => property.Value.GetString() ?? "");
    }

    /// <summary>Sends SIGTERM and waits for the AppHost to stop everything it started; returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan patience)
    {
        if (_run.Task.IsCompleted)
        {
            return (await _run.Task).ExitCode;
        }

        await Cli.Wrap("kill").WithArguments(["-TERM", _run.ProcessId.ToString(CultureInfo.InvariantCulture)])
            .WithValidation(CommandResultValidation.None).ExecuteAsync();
        var result = await _run.Task.WaitAsync(patience);
        return result.ExitCode;
    }

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
}
