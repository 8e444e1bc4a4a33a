namespace MiniPg.AppHost;

public static class ProjectDefaults
{
    /// <summary>
    /// What every MiniPg service gets from the AppHost, however it was added:
    /// <list type="bullet">
    /// <item>in run mode, the AppHost's environment (Development when run with its launch profile), since the services
    /// have no launch profiles of their own; a published service runs in the environment its host gives it;</item>
    /// <item>no HTTPS certificate callback: every service speaks plain HTTP on loopback and this machine has no HTTPS
    /// developer certificate, so Aspire would otherwise warn on the console and in the dashboard that none is trusted.</item>
    /// </list>
    /// </summary>
    public static IDistributedApplicationBuilder UseProjectDefaults(this IDistributedApplicationBuilder builder)
    {
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            foreach (var project in @event.Model.Resources.OfType<ProjectResource>().Select(builder.CreateResourceBuilder))
            {
                project.WithoutHttpsCertificate();
                if (builder.ExecutionContext.IsRunMode)
                {
                    project.WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
                        .WithEnvironment("DOTNET_ENVIRONMENT", builder.Environment.EnvironmentName);
                }
            }

            return Task.CompletedTask;
        });
        return builder;
    }
}
