using System.Globalization;

namespace MiniPg.Hosting;

/// <summary>What a resource is doing now. <see cref="Endpoint"/> is a URL for projects, <c>host:port</c> for servers.</summary>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    ResourceState State,
    bool IsHealthy = false,
    int? ExitCode = null,
    int? ProcessId = null,
    string? Endpoint = null)
{
    /// <summary>The state as the status table shows it: <c>Running (healthy)</c>, <c>Exited (code 1)</c>.</summary>
    public string DisplayState => State switch
    {
        ResourceState.Running => IsHealthy ? "Running (healthy)" : "Running",
        ResourceState.Exited or ResourceState.FailedToStart when ExitCode is not null =>
            string.Create(CultureInfo.InvariantCulture, $"{State} (code {ExitCode})"),
        _ => State.ToString(),
    };

    internal bool IsTerminal => State is ResourceState.Finished or ResourceState.Exited or ResourceState.FailedToStart or ResourceState.Stopped;
}
