using System.Globalization;
using System.Text.Json;

namespace MiniPg.AppHost.Publishing;

/// <summary>One Compose service per manifest resource, and the standalone dashboard.</summary>
internal static class ComposeServices
{
    private const string DashboardOtlpEndpoint = "http://dashboard:18889";

    /// <summary>Health checks the official images can run themselves, so a wait on them becomes <c>service_healthy</c>.</summary>
    private static readonly Dictionary<string, List<string>> HealthChecks = new(StringComparer.Ordinal)
    {
        ["docker.io/library/postgres"] = ["CMD-SHELL", "pg_isready -h 127.0.0.1 -U postgres"],
        ["docker.io/library/redis"] = ["CMD-SHELL", "redis-cli -a \"$$REDIS_PASSWORD\" --no-auth-warning ping"],
        ["docker.io/apache/kafka"] = ["CMD-SHELL", "/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server 127.0.0.1:9092 > /dev/null"],
    };

    public static ComposeService Container(string name, JsonElement resource, ManifestExpressions expressions, Dictionary<string, object?> volumes)
    {
        var image = resource.GetProperty("image").GetString()!;
        var service = new ComposeService
        {
            Image = image,
            Entrypoint = resource.TryGetProperty("entrypoint", out var entrypoint) ? [expressions.Resolve(entrypoint.GetString()!)] : null,
            Command = Strings(resource, "args", expressions),
            Environment = Environment(resource, expressions),
            Volumes = resource.TryGetProperty("volumes", out var mounts)
                ? [.. mounts.EnumerateArray().Select(mount => $"{name}-data:{mount.GetProperty("target").GetString()}")]
                : null,
            Healthcheck = HealthChecks.TryGetValue(image.Split(':')[0], out var test) ? new(test) : null,
            Restart = ComposeService.LongRunning,
        };
        if (service.Volumes is not null)
        {
            volumes[$"{name}-data"] = null;
        }

        return service;
    }

    public static ComposeService Project(string name, JsonElement resource, ManifestExpressions expressions)
    {
        var environment = Environment(resource, expressions) ?? new(StringComparer.Ordinal);
        environment["OTEL_SERVICE_NAME"] = name;
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = DashboardOtlpEndpoint;
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc";
        var http = resource.TryGetProperty("bindings", out var bindings) && bindings.TryGetProperty("http", out var binding) ? binding : (JsonElement?)null;
        return new ComposeService
        {
            Image = $"{ImageRepository(resource.GetProperty("path").GetString()!)}:latest",
            Command = Strings(resource, "args", expressions),
            Environment = environment,
            Ports = http?.TryGetProperty("port", out var port) == true
                ? [$"{Port(port.GetInt32())}:{Port(ManifestExpressions.ProjectHttpPort)}"]
                : null,
            Restart = http is null ? ComposeService.OneShot : ComposeService.LongRunning,
        };
    }

    /// <summary>The standalone Aspire dashboard: the same views as under <c>dotnet run</c>, fed over OTLP.</summary>
    public static ComposeService Dashboard() => new()
    {
        Image = "mcr.microsoft.com/dotnet/aspire-dashboard:13",
        Environment = new(StringComparer.Ordinal) { ["DOTNET_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true" },
        Ports = ["18888:18888"],
        Restart = ComposeService.LongRunning,
    };

    /// <summary>
    /// <c>WaitFor</c> becomes <c>service_healthy</c> for infrastructure, whose images can check themselves, and
    /// <c>service_started</c> for a .NET service (its runtime image has no HTTP client to probe <c>/health</c> with; its
    /// callers retry through the standard resilience handler). <c>WaitForCompletion</c> becomes
    /// <c>service_completed_successfully</c>. A wait on a database is a wait on its server.
    /// </summary>
    public static Dictionary<string, ComposeDependency>? DependsOn(IResource resource, ManifestExpressions expressions)
    {
        var waits = resource.Annotations.OfType<WaitAnnotation>().ToList();
        if (waits.Count == 0)
        {
            return null;
        }

        var dependencies = new Dictionary<string, ComposeDependency>(StringComparer.Ordinal);
        foreach (var wait in waits)
        {
            var target = wait.Resource is IResourceWithParent child ? child.Parent : wait.Resource;
            dependencies[target.Name] = new ComposeDependency(wait.WaitType == WaitType.WaitForCompletion
                ? ComposeDependency.CompletedSuccessfully
                : expressions.TypeOf(target.Name) == "project.v0" ? ComposeDependency.Started : ComposeDependency.Healthy);
        }

        return dependencies;
    }

    /// <summary>The image the .NET SDK builds for a project: its file name, lower case, dots as dashes (Directory.Build.props says so too).</summary>
    public static string ImageRepository(string projectPath) =>
        Path.GetFileNameWithoutExtension(projectPath).ToLowerInvariant().Replace('.', '-');

    private static SortedDictionary<string, string>? Environment(JsonElement resource, ManifestExpressions expressions)
    {
        if (!resource.TryGetProperty("env", out var env))
        {
            return null;
        }

        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in env.EnumerateObject())
        {
            environment[variable.Name] = expressions.Resolve(variable.Value.GetString()!);
        }

        return environment;
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static List<string>? Strings(JsonElement resource, string property, ManifestExpressions expressions) =>
        resource.TryGetProperty(property, out var values) ? [.. values.EnumerateArray().Select(value => expressions.Resolve(value.GetString()!))] : null;
}
