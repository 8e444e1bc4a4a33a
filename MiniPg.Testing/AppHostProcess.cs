extern alias AppHost;

using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using AppHost::MiniPg.AppHost.Infrastructure;
using CliWrap;

namespace MiniPg.Testing;

/// <summary>
/// The built AppHost as a user runs it (<c>dotnet run --project MiniPg.AppHost --no-build</c>, its launch profile, the
/// dashboard on its fixed URL) in a fresh data folder, stopped with SIGTERM (what Ctrl+C and <c>kill</c> send), killed
/// only if it overstays. Its output is kept in memory, to be shown when something fails.
/// </summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    private readonly CancellationTokenSource _kill = new();
    private readonly ConcurrentQueue<string> _output = new();
    private readonly CommandTask<CommandResult> _run;

    private AppHostProcess(string dataDirectory)
    {
        DataDirectory = dataDirectory;
        _run = Command(dataDirectory)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(_output.Enqueue))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(_output.Enqueue))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(_kill.Token);
    }

    public string DataDirectory { get; }

    public string Output => string.Join(Environment.NewLine, _output);

    public bool HasExited => _run.Task.IsCompleted;

    /// <summary>Starts the AppHost on a new data folder under the temp directory, named after <paramref name="purpose"/>.</summary>
    public static AppHostProcess Start(string purpose) =>
        new(Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"minipg-{purpose}-{Guid.NewGuid():N}")).FullName);

    /// <summary>
    /// <c>dotnet run --project MiniPg.AppHost --no-build</c> in this program's configuration, from the repository root,
    /// on <paramref name="dataDirectory"/>, with <paramref name="arguments"/> for the AppHost (publishing, for one).
    /// </summary>
    public static Command Command(string dataDirectory, params string[] arguments) =>
        Cli.Wrap("dotnet")
            .WithArguments(["run", "--project", Path.Combine(RepositoryRoot(), "MiniPg.AppHost"), "--no-build", "--configuration", Configuration(), .. arguments.Length > 0 ? ["--", .. arguments] : Array.Empty<string>()])
            .WithWorkingDirectory(RepositoryRoot())
            .WithEnvironmentVariables(env => env.Set(LocalInfrastructure.DataDirectoryKey, dataDirectory));

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

    /// <summary>
    /// Every live process of this run: those that inherited its data folder in their environment (the AppHost, DCP, the
    /// services, PostgreSQL, Kafka), and their descendants (Redis and PostgreSQL's backends rewrite their own).
    /// </summary>
    public IReadOnlySet<int> LiveProcesses()
    {
        var marker = $"{LocalInfrastructure.DataDirectoryKey}={DataDirectory}";
        var parents = new Dictionary<int, int>();
        var family = new HashSet<int>();
        foreach (var pid in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Select(name => int.TryParse(name, CultureInfo.InvariantCulture, out var pid) ? pid : 0).Where(pid => pid > 0))
        {
            if (ProcStat.TryRead(pid) is not { } stat)
            {
                // The process ended while we looked.
                continue;
            }

            parents[pid] = (int)stat[1];
            try
            {
                if (File.ReadAllText($"/proc/{pid}/environ").Split('\0').Contains(marker))
                {
                    family.Add(pid);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours to read.
            }
        }

        for (var added = true; added;)
        {
            added = false;
            foreach (var (pid, _) in parents.Where(entry => family.Contains(entry.Value) && !family.Contains(entry.Key)))
            {
                added |= family.Add(pid);
            }
        }

        return family;
    }

    /// <summary>Whether the process still runs: a zombie has ended and only waits for its parent to collect its exit code.</summary>
    public static bool IsAlive(int pid) => ProcStat.State(pid) is { } state && state != 'Z';

    public async ValueTask DisposeAsync()
    {
        if (!_run.Task.IsCompleted)
        {
            await _kill.CancelAsync();
            await _run.Task.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _kill.Dispose();

        // The AppHost can exit before the servers it started have (PostgreSQL still writes while it shuts down):
        // deleting their folder under them fails, so wait for them first, for a while.
        for (var waited = 0; waited < 30 && LiveProcesses().Count > 0; waited++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>The folder holding <c>MiniPg.sln</c>, found from this program's own output folder.</summary>
    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder.FullName, "MiniPg.sln")))
        {
            folder = folder.Parent ?? throw new InvalidOperationException($"{AppContext.BaseDirectory} is not inside the MiniPg repository.");
        }

        return folder.FullName;
    }

    /// <summary>
    /// The configuration this program was built in (Debug or Release: its output folder is
    /// <c>bin/&lt;configuration&gt;/net10.0</c>), which is the one the AppHost is run in.
    /// </summary>
    public static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    /// <summary><c>MiniPg.AppHost/bin/&lt;configuration&gt;/net10.0/MiniPg.AppHost.dll</c>: there once the AppHost is built in this program's configuration.</summary>
    public static string AssemblyPath() =>
        Path.Combine(RepositoryRoot(), "MiniPg.AppHost", "bin", Configuration(), new DirectoryInfo(AppContext.BaseDirectory).Name, "MiniPg.AppHost.dll");
}
