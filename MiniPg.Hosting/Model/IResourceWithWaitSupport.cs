namespace MiniPg.Hosting;

/// <summary>A resource whose start can wait for other resources.</summary>
public interface IResourceWithWaitSupport : IResource;
