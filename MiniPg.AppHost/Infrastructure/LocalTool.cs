using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace MiniPg.AppHost.Infrastructure;

/// <summary>Runs a one-off program a resource needs before it starts (initdb, kafka-storage format), into the resource's log.</summary>
internal static class LocalTool
{
    /// <summary>Runs the program and returns its standard output; a non-zero exit code is a <see cref="DistributedApplicationException"/>.</summary>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, ILogger log, CancellationToken cancellationToken)
    {
        var (exitCode, output, error) = await TryRunAsync(fileName, arguments, workingDirectory, log, cancellationToken);
        return exitCode == 0
            ? output
            : throw new DistributedApplicationException($"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} failed with exit code {exitCode}: {error}");
    }

    public static async Task<(int ExitCode, string Output, string Error)> TryRunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, ILogger log, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new DistributedApplicationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        foreach (var line in (await output + await error).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            HostingLog.ToolOutput(log, line);
        }

        return (process.ExitCode, await output, await error);
    }
}
