using System.Collections.Concurrent;
using System.Globalization;
using CliWrap;

namespace MiniPg.Tests.AppHost;

/// <summary>
/// The AppHost as a user runs it (<c>dotnet run --project MiniPg.AppHost</c>, its launch profile, the dashboard on its
/// fixed URL) in a fresh data folder, stopped with SIGTERM (what Ctrl+C and <c>kill</c> send), never killed by the test
/// unless it overstays.
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
            .WithArguments(["run", "--project", Path.Combine(RepositoryRoot(), "MiniPg.AppHost"), "--no-build", "--configuration", Configuration()])
            .WithWorkingDirectory(RepositoryRoot())
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
        new(Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"minipg-sigterm-{Guid.NewGuid():N}")).FullName);

    /// <summary>Sends SIGTERM and waits for the AppHost to exit.</summary>
    public async Task<int> StopAsync(TimeSpan patience)
    {
        await Cli.Wrap("kill").WithArguments(["-TERM", _run.ProcessId.ToString(CultureInfo.InvariantCulture)]).ExecuteAsync();
        var result = await _run.Task.WaitAsync(patience);
        return result.ExitCode;
    }

    /// <summary>
    /// Every live process of this run: those that inherited its data folder in their environment (the AppHost, DCP, the
    /// services, PostgreSQL, Kafka), and their descendants (Redis and PostgreSQL's backends rewrite their own).
    /// </summary>
    public IReadOnlySet<int> LiveProcesses()
    {
        var marker = $"MINIPG_DATA_DIR={DataDirectory}";
        var parents = new Dictionary<int, int>();
        var family = new HashSet<int>();
        foreach (var pid in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Select(name => int.TryParse(name, out var pid) ? pid : 0).Where(pid => pid > 0))
        {
            try
            {
                parents[pid] = int.Parse(File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].Split(' ')[1], CultureInfo.InvariantCulture);
                if (File.ReadAllText($"/proc/{pid}/environ").Split('\0').Contains(marker))
                {
                    family.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        for (var added = true; added;)
        {
            added = false;
            foreach (var (pid, parent) in parents.Where(entry => family.Contains(entry.Value) && !family.Contains(entry.Key)))
            {
                added |= family.Add(pid);
            }
        }

        return family;
    }

    /// <summary>Whether the process still runs: a zombie has ended and only waits for its parent to collect its exit code.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
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

    /// <summary>The repository root, found from the tests' own output folder (MiniPg.Tests/bin/&lt;configuration&gt;/net10.0).</summary>
    public static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder.Name != "MiniPg.Tests")
        {
            folder = folder.Parent ?? throw new InvalidOperationException("The tests do not run from MiniPg.Tests/bin.");
        }

        return folder.Parent!.FullName;
    }

    /// <summary>The configuration the tests were built in, which built the AppHost too (Debug or Release).</summary>
    public static string Configuration() => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
}
