using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace MiniPg.AppHost.Infrastructure;

/// <summary>
/// Run mode writes <c>&lt;data dir&gt;/connection-strings.json</c> (<c>{"ConnectionStrings": {...}}</c>, readable by its
/// owner only) each time a resource with a connection string becomes ready, so an operator's command-line verb beside
/// the AppHost (<c>dotnet run --project MiniPg.Settlement -- settle …</c>) finds the same PostgreSQL, Redis and Kafka,
/// whose ports DCP chose for this run. Once the acquirer is ready, its address and MiniPg's key to it are added, for
/// the <c>reconcile</c> verb.
/// </summary>
internal static class ConnectionStringsFile
{
    public const string FileName = "connection-strings.json";
    private static readonly SemaphoreSlim OneWriterAtATime = new(1, 1);

    public static void WriteWhenReady(IDistributedApplicationBuilder builder, IResource resource)
    {
        var path = Path.Combine(builder.DataDirectory(), FileName);
        builder.Eventing.Subscribe<ResourceReadyEvent>(resource, async (@event, cancellationToken) =>
        {
            var model = @event.Services.GetRequiredService<DistributedApplicationModel>();
            await OneWriterAtATime.WaitAsync(cancellationToken);
            try
            {
                var connectionStrings = new SortedDictionary<string, string>(StringComparer.Ordinal);
                foreach (var ready in model.Resources.OfType<IResourceWithConnectionString>().Where(IsLocal))
                {
                    if (await ready.ConnectionStringExpression.GetValueAsync(cancellationToken) is { } connectionString)
                    {
                        connectionStrings[ready.Name] = connectionString;
                    }
                }

                var settings = new Dictionary<string, object> { ["ConnectionStrings"] = connectionStrings };
                if (model.Resources.OfType<ProjectResource>().SingleOrDefault(r => r.Name == ResourceNames.Acquirer) is { } acquirer
                    && acquirer.GetEndpoint("http") is { IsAllocated: true } endpoint
                    && model.Resources.OfType<ParameterResource>().SingleOrDefault(p => p.Name == ResourceNames.AcquirerKey) is { } key)
                {
                    settings["services"] = new Dictionary<string, object> { [ResourceNames.Acquirer] = new { http = new[] { endpoint.Url } } };
                    settings["Acquirer"] = new { Key = await key.GetValueAsync(cancellationToken) };
                }

                await File.WriteAllTextAsync(path, JsonSerializer.Serialize(settings), cancellationToken);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }
            finally
            {
                OneWriterAtATime.Release();
            }
        });
    }

    private static bool IsLocal(IResource resource) =>
        resource is Postgres.LocalPostgresResource or Postgres.LocalPostgresDatabaseResource or Redis.LocalRedisResource or Kafka.LocalKafkaResource;
}
