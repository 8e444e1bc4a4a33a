namespace MiniPg.AppHost.Infrastructure;

public static class CommandLineAccess
{
    /// <summary>
    /// Run mode: once the acquirer is ready, its address and MiniPg's key to it join the connection strings in the
    /// file the operator's command-line verbs read, so <c>reconcile</c> beside the AppHost reaches the same acquirer.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithCommandLineAccess(this IResourceBuilder<ProjectResource> acquirer)
    {
        if (!acquirer.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            ConnectionStringsFile.WriteWhenReady(acquirer.ApplicationBuilder, acquirer.Resource);
        }

        return acquirer;
    }
}
