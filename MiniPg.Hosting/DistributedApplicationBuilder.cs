using Microsoft.Extensions.Logging;

namespace MiniPg.Hosting;

/// <summary>Collects the resources of the application model; <see cref="Build"/> turns it into a runnable application.</summary>
public sealed class DistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];
    private readonly DistributedApplicationOptions _options;

    internal DistributedApplicationBuilder(DistributedApplicationOptions options)
    {
        _options = options;
        DataDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.DataDirectory ?? HostingDefaults.DataDirectory()));
        KafkaHome = options.KafkaHome ?? HostingDefaults.KafkaHome();
    }

    public IReadOnlyList<string> Args => _options.Args;

    public string DataDirectory { get; }

    public string? KafkaHome { get; }

    public string EnvironmentName => _options.EnvironmentName;

    public IReadOnlyList<IResource> Resources => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (_resources.Exists(existing => string.Equals(existing.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public DistributedApplication Build()
    {
        var loggerFactory = _options.LoggerFactory;
        var ownsLoggerFactory = loggerFactory is null;
        loggerFactory ??= LoggerFactory.Create(logging => logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        }));

        var settings = new HostingSettings(
            DataDirectory,
            KafkaHome,
            EnvironmentName,
            TextWriter.Synchronized(_options.Output ?? Console.Out),
            _options.TimeProvider,
            _options.Args);
        return new DistributedApplication([.. _resources], settings, loggerFactory, ownsLoggerFactory);
    }
}
