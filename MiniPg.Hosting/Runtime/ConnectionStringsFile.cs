using System.Text.Json;

namespace MiniPg.Hosting;

/// <summary>
/// Writes <c>&lt;data dir&gt;/connection-strings.json</c> (<c>{"ConnectionStrings": {...}}</c>) once everything is up, so
/// an operator's command-line verb run beside the AppHost (<c>dotnet run --project MiniPg.Settlement -- settle …</c>)
/// finds the same PostgreSQL, Redis and Kafka without copying addresses by hand.
/// </summary>
internal static class ConnectionStringsFile
{
    public const string FileName = "connection-strings.json";

    public static async Task WriteAsync(string dataDirectory, IEnumerable<IResource> resources, CancellationToken cancellationToken)
    {
        var connectionStrings = new Dictionary<string, string>();
        foreach (var resource in resources.OfType<IResourceWithConnectionString>())
        {
            if (await resource.GetConnectionStringAsync(cancellationToken).ConfigureAwait(false) is { } connectionString)
            {
                connectionStrings[resource.Name] = connectionString;
            }
        }

        var json = JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, string>> { ["ConnectionStrings"] = connectionStrings });
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, FileName), json, cancellationToken).ConfigureAwait(false);
    }
}
