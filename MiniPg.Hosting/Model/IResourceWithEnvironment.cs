namespace MiniPg.Hosting;

/// <summary>A resource that accepts environment variables, arguments and references (a project).</summary>
public interface IResourceWithEnvironment : IResource;
