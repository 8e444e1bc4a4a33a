namespace MiniPg.Hosting;

/// <summary>A resource that clients reach through a connection string, injected as <c>ConnectionStrings__{Name}</c>.</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>The connection string, or <see langword="null"/> before the application has allocated its port.</summary>
    ValueTask<string?> GetConnectionStringAsync(CancellationToken cancellationToken = default);
}
