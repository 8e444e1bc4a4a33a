using System.Text;
using CliWrap;

namespace MiniPg.Hosting;

/// <summary>Runs a set-up command (initdb, chown, kafka-storage) to completion, its output going to the resource's log.</summary>
internal static class Tool
{
    public static async Task<(int ExitCode, string StandardOutput)> RunAsync(ProcessSpec spec, ResourceLog log, CancellationToken cancellationToken)
    {
        log.WriteLine($"> {spec}");
        var standardOutput = new StringBuilder();
        var result = await Cli.Wrap(spec.FileName)
            .WithArguments(spec.Arguments)
            .WithWorkingDirectory(spec.WorkingDirectory)
            .WithEnvironmentVariables(spec.Environment)
            .WithStandardOutputPipe(PipeTarget.Merge(PipeTarget.ToDelegate(log.WriteLine), PipeTarget.ToStringBuilder(standardOutput)))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(log.WriteLine))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(cancellationToken)
            .ConfigureAwait(false);
        return (result.ExitCode, standardOutput.ToString());
    }

    /// <summary>Like <see cref="RunAsync"/>, but a non-zero exit code fails the start of <paramref name="resourceName"/>.</summary>
    public static async Task<string> RunCheckedAsync(string resourceName, ProcessSpec spec, ResourceLog log, CancellationToken cancellationToken)
    {
        var (exitCode, standardOutput) = await RunAsync(spec, log, cancellationToken).ConfigureAwait(false);
        return exitCode == 0
            ? standardOutput
            : throw new DistributedApplicationException($"{resourceName}: `{spec}` failed with exit code {exitCode}; its output is in {log.Path}");
    }
}
