using System.Net;

namespace MiniPg.Hosting;

/// <summary>
/// Runs a project as <c>dotnet &lt;assembly&gt; [args]</c> from its project folder (the content root, where
/// appsettings.json is), with the variables an Aspire AppHost would inject. OTEL_EXPORTER_OTLP_ENDPOINT and the rest of
/// the AppHost's environment are inherited, so a collector set for the AppHost receives every service's telemetry.
/// </summary>
internal sealed class ProjectRunner(ProjectResource project, RunnerContext context) : ProcessRunner(project, context)
{
    public override string? Endpoint => project.HttpUrl?.ToString().TrimEnd('/');

    protected override bool EchoOutput => true;

    protected override bool IsOneShot => !project.HasHttpEndpoint;

    protected override TimeSpan ReadinessTimeout => TimeSpan.FromSeconds(120);

    public override void AllocatePorts()
    {
        if (project.HasHttpEndpoint)
        {
            project.Port ??= project.RequestedPort ?? FreePort.Pick();
        }
    }

    protected override async Task<ProcessSpec> PrepareAsync(CancellationToken cancellationToken)
    {
        if (project.RequestedPort is { } fixedPort)
        {
            FreePort.EnsureFree(fixedPort, Resource.Name, "Stop whatever listens there, or change WithHttpEndpoint(port: ...).");
        }

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = Context.Settings.EnvironmentName,
            ["DOTNET_ENVIRONMENT"] = Context.Settings.EnvironmentName,
            ["OTEL_SERVICE_NAME"] = Resource.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={Guid.NewGuid()}",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        if (Endpoint is { } url)
        {
            environment["ASPNETCORE_URLS"] = url;
        }

        foreach (var reference in project.References)
        {
            switch (reference)
            {
                case IResourceWithConnectionString source:
                    environment[$"ConnectionStrings__{source.Name}"] = await source.GetConnectionStringAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case ProjectResource { HttpUrl: { } sourceUrl } source:
                    environment[$"services__{source.Name}__http__0"] = sourceUrl.ToString().TrimEnd('/');
                    break;
                default:
                    throw new DistributedApplicationException($"{Resource.Name} references {reference.Name}, which has neither a connection string nor an HTTP endpoint.");
            }
        }

        foreach (var (key, value) in project.Environment)
        {
            environment[key] = value;
        }

        var projectDirectory = Path.GetDirectoryName(project.Metadata.ProjectPath) ?? Environment.CurrentDirectory;
        return new ProcessSpec(ExecutableSearch.Dotnet(), [project.Metadata.AssemblyPath, .. project.Args], projectDirectory, environment);
    }

    protected override async Task ProbeHealthAsync(CancellationToken cancellationToken)
    {
        using var response = await Context.HttpClient.GetAsync(new Uri(project.HttpUrl!, "/health"), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new ResourceNotReadyException($"{Resource.Name}: GET /health answered {(int)response.StatusCode}.");
        }
    }
}
