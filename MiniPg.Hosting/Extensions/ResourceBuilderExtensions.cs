namespace MiniPg.Hosting;

public static class ResourceBuilderExtensions
{
    public static IResourceBuilder<ProjectResource> WithArgs(this IResourceBuilder<ProjectResource> builder, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Resource.Args.AddRange(args);
        return builder;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> builder, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        builder.Resource.Environment[key] = value;
        return builder;
    }

    /// <summary>Injects <c>ConnectionStrings__{source name}</c> into the project.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(
        this IResourceBuilder<ProjectResource> builder,
        IResourceBuilder<IResourceWithConnectionString> source)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        builder.Resource.References.Add(AsModelResource(source.Resource));
        return builder;
    }

    /// <summary>Service discovery: injects <c>services__{source name}__http__0</c> with the source's URL.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(
        this IResourceBuilder<ProjectResource> builder,
        IResourceBuilder<ProjectResource> source)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(source);
        builder.Resource.References.Add(source.Resource);
        return builder;
    }

    /// <summary>Starts the resource only once <paramref name="dependency"/> has started and is healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResourceWithWaitSupport
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dependency);
        AsModelResource(builder.Resource).Waits.Add(new ResourceWait(AsModelResource(dependency.Resource), WaitBehavior.Healthy));
        return builder;
    }

    /// <summary>Starts the resource only once the one-shot <paramref name="dependency"/> has exited with code 0.</summary>
    public static IResourceBuilder<T> WaitForCompletion<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : IResourceWithWaitSupport
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dependency);
        AsModelResource(builder.Resource).Waits.Add(new ResourceWait(AsModelResource(dependency.Resource), WaitBehavior.Completion));
        return builder;
    }

    private static Resource AsModelResource(IResource resource) =>
        resource as Resource
        ?? throw new ArgumentException($"'{resource.Name}' was not created by a DistributedApplicationBuilder.", nameof(resource));
}
