using System.Diagnostics;
using System.Globalization;

namespace MiniPg.Bench.Payments;

/// <summary>
/// Stops processes with SIGSTOP and lets them go on with SIGCONT when disposed, so a step can run without them (the
/// Processor, to measure the Api's accept path alone). Disposing always continues them, so an exception or an
/// interruption never leaves a service frozen; a frozen process keeps its sockets and memory and picks up where it was.
/// </summary>
internal sealed class ProcessFreezer(IReadOnlyList<int> pids) : IAsyncDisposable
{
    public IReadOnlyList<int> Pids { get; } = pids;

    public async Task FreezeAsync(CancellationToken cancellationToken)
    {
        if (Pids.Count == 0)
        {
            throw new InvalidOperationException("No process to freeze.");
        }

        if (await SignalAsync("-STOP", cancellationToken) is var exitCode and not 0)
        {
            throw new InvalidOperationException($"kill -STOP {string.Join(' ', Pids)} exited with {exitCode}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Pids.Count > 0 && await SignalAsync("-CONT", CancellationToken.None) is var exitCode and not 0)
        {
            // Not thrown: this runs while another exception may be on its way out, and must not hide it.
            await Console.Error.WriteLineAsync($"kill -CONT {string.Join(' ', Pids)} exited with {exitCode}.");
        }
    }

    /// <summary><c>kill</c> exits with 1 if any of the processes could not be signalled (its reason goes to stderr).</summary>
    private async Task<int> SignalAsync(string signal, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("kill") { ArgumentList = { signal } };
        foreach (var pid in Pids)
        {
            start.ArgumentList.Add(pid.ToString(CultureInfo.InvariantCulture));
        }

        using var kill = Process.Start(start) ?? throw new InvalidOperationException("kill did not start.");
        await kill.WaitForExitAsync(cancellationToken);
        return kill.ExitCode;
    }
}
