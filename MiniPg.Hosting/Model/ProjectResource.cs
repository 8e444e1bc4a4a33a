using System.Globalization;

namespace MiniPg.Hosting;

/// <summary>A .NET project run as <c>dotnet &lt;assembly&gt;</c> from its project folder.</summary>
public sealed class ProjectResource : Resource, IResourceWithEnvironment
{
    internal ProjectResource(string name, IProjectMetadata metadata)
        : base(name)
    {
        Metadata = metadata;
    }

    public IProjectMetadata Metadata { get; }

    public override string TypeName => "Project";

    internal List<string> Args { get; } = [];

    internal Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    internal List<Resource> References { get; } = [];

    /// <summary>Whether the project serves HTTP; a project without an endpoint is a one-shot job.</summary>
    internal bool HasHttpEndpoint { get; set; }

    /// <summary>The port asked for in <c>WithHttpEndpoint(port)</c>; <see langword="null"/> picks a free one.</summary>
    internal int? RequestedPort { get; set; }

    internal int? Port { get; set; }

    internal Uri? HttpUrl => Port is null ? null : new Uri(string.Create(CultureInfo.InvariantCulture, $"http://localhost:{Port}"));

    internal override IEnumerable<Resource> Dependencies => base.Dependencies.Concat(References);
}
