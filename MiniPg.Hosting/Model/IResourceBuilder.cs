namespace MiniPg.Hosting;

/// <summary>Configures one resource of the model; covariant so a database builder can be passed where a connection-string resource is expected.</summary>
public interface IResourceBuilder<out T>
    where T : IResource
{
    T Resource { get; }

    DistributedApplicationBuilder ApplicationBuilder { get; }
}
