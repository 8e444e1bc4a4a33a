using Microsoft.Extensions.Configuration;

namespace MiniPg.Infrastructure.Hosting;

/// <summary>
/// Lets a command-line verb find the system a local AppHost is running: it reads the AppHost's
/// <c>connection-strings.json</c> from <c>MINIPG_DATA_DIR</c>, or from the nearest <c>.minipg/</c> above the current folder.
/// Anything set explicitly (environment, arguments) still wins, because this source is added first.
/// </summary>
internal static class LocalAppHost
{
    public static void AddConnectionStrings(IConfigurationManager configuration)
    {
        if (FindFile() is { } file)
        {
            var explicitSources = configuration.Sources.ToList();
            configuration.Sources.Clear();
            configuration.AddJsonFile(file, optional: true);
            explicitSources.ForEach(source => configuration.Sources.Add(source));
        }
    }

    private static string? FindFile()
    {
        if (Environment.GetEnvironmentVariable("MINIPG_DATA_DIR") is { Length: > 0 } dataDirectory)
        {
            return Existing(Path.Combine(dataDirectory, "connection-strings.json"));
        }

        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (Existing(Path.Combine(folder.FullName, ".minipg", "connection-strings.json")) is { } file)
            {
                return file;
            }
        }

        return null;
    }

    private static string? Existing(string path) => File.Exists(path) ? path : null;
}
