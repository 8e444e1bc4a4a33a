extern alias AppHost;

using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using AppHost::MiniPg.AppHost.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MiniPg.Testing;

/// <summary>
/// Some resources of the AppHost's own model (PostgreSQL, its databases, Redis, Kafka: the same executable resources
/// <c>dotnet run --project MiniPg.AppHost</c> starts), and nothing else of it, started through
/// <c>Aspire.Hosting.Testing</c> in a new data folder under the temp directory. Disposing stops them and deletes the
/// folder.
/// </summary>
public sealed class AppHostInfrastructure : IAsyncDisposable
{
    private readonly string _dataDirectory;

    private AppHostInfrastructure(DistributedApplication app, string dataDirectory, IReadOnlyDictionary<string, string> connectionStrings)
    {
        App = app;
        _dataDirectory = dataDirectory;
        ConnectionStrings = connectionStrings;
    }

    public DistributedApplication App { get; }

    /// <summary>Each started resource that has a connection string: name → connection string.</summary>
    public IReadOnlyDictionary<string, string> ConnectionStrings { get; }

    /// <summary>
    /// Starts <paramref name="resources"/> (their names in the AppHost model, parents included: a database needs its
    /// server) and waits until each is healthy. <paramref name="arguments"/> go to the AppHost's configuration.
    /// </summary>
    public static async Task<AppHostInfrastructure> StartAsync(
        string purpose, IReadOnlyCollection<string> resources, IEnumerable<string>? arguments = null, CancellationToken cancellationToken = default)
    {
        var dataDirectory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"minipg-{purpose}-{Guid.NewGuid():N}")).FullName;
        DistributedApplication? app = null;
        try
        {
            app = await StartModelAsync(dataDirectory, resources, resources, arguments, cancellationToken);

            var connectionStrings = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var resource in app.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<IResourceWithConnectionString>())
            {
                connectionStrings[resource.Name] = await resource.GetConnectionStringAsync(cancellationToken)
                    ?? throw new InvalidOperationException($"{resource.Name} has no connection string.");
            }

            return new AppHostInfrastructure(app, dataDirectory, connectionStrings);
        }
        catch
        {
            await StopAndDeleteAsync(app, dataDirectory);
            throw;
        }
    }

    /// <summary>
    /// Builds the AppHost's model on <paramref name="dataDirectory"/> (keeping only <paramref name="keep"/>, or every
    /// resource when null), starts it and waits until each of <paramref name="healthy"/> is healthy. The caller owns
    /// the application and the folder; a start that fails stops what it started.
    /// </summary>
    public static async Task<DistributedApplication> StartModelAsync(
        string dataDirectory,
        IReadOnlyCollection<string>? keep,
        IReadOnlyCollection<string> healthy,
        IEnumerable<string>? arguments = null,
        CancellationToken cancellationToken = default)
    {
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<AppHost::Projects.MiniPg_AppHost>(
            [$"--{LocalInfrastructure.DataDirectoryKey}={dataDirectory}", .. arguments ?? []], cancellationToken);
        foreach (var resource in appHost.Resources.Where(resource => keep is not null && !keep.Contains(resource.Name)).ToList())
        {
            appHost.Resources.Remove(resource);
        }

        var app = await appHost.BuildAsync(cancellationToken);
        try
        {
            await app.StartAsync(cancellationToken);
            foreach (var resource in healthy)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken);
            }

            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => StopAndDeleteAsync(App, _dataDirectory);

    private static async ValueTask StopAndDeleteAsync(DistributedApplication? app, string dataDirectory)
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        Directory.Delete(dataDirectory, recursive: true);
    }
}
