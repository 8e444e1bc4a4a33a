namespace MiniPg.Hosting;

/// <summary>A named part of the distributed application: a server, a database or a project.</summary>
public interface IResource
{
    string Name { get; }
}
