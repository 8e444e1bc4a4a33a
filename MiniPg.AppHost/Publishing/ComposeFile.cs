using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace MiniPg.AppHost.Publishing;

/// <summary>
/// The subset of the Compose specification the publisher writes; null members are left out of the YAML. No top-level
/// <c>name</c>: Debian's docker-compose (1.29) refuses it, and the folder name serves as the project name.
/// </summary>
internal sealed class ComposeFile
{
    public Dictionary<string, ComposeService> Services { get; } = [];

    public Dictionary<string, object?> Volumes { get; } = [];
}

internal sealed class ComposeService
{
    /// <summary>A server comes back after a crash or a reboot of the Docker engine, unless someone stopped it.</summary>
    public const string LongRunning = "unless-stopped";

    /// <summary>
    /// A job (the migrations) runs once: its dependants wait for <c>service_completed_successfully</c>, and a failed
    /// migration must stop the deployment for someone to read, not loop against the database.
    /// </summary>
    public const string OneShot = "no";

    public required string Image { get; init; }

    public List<string>? Entrypoint { get; set; }

    public List<string>? Command { get; set; }

    public SortedDictionary<string, string>? Environment { get; set; }

    public List<string>? Ports { get; set; }

    public List<string>? Volumes { get; set; }

    public Dictionary<string, ComposeDependency>? DependsOn { get; set; }

    public ComposeHealthcheck? Healthcheck { get; set; }

    /// <summary>Quoted, as Compose asks: a bare <c>no</c> is a boolean to YAML 1.1 readers.</summary>
    [YamlMember(ScalarStyle = ScalarStyle.DoubleQuoted)]
    public string? Restart { get; set; }
}

internal sealed record ComposeDependency(string Condition)
{
    public const string Started = "service_started";
    public const string Healthy = "service_healthy";
    public const string CompletedSuccessfully = "service_completed_successfully";
}

internal sealed record ComposeHealthcheck(List<string> Test, string Interval = "2s", string Timeout = "5s", int Retries = 60);
