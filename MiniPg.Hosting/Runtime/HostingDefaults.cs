namespace MiniPg.Hosting;

/// <summary>Where things are when the options do not say: found from the repository root at run time.</summary>
internal static class HostingDefaults
{
    private const string SolutionFileName = "MiniPg.sln";

    public static string DataDirectory() =>
        Environment.GetEnvironmentVariable("MINIPG_DATA_DIR") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine(RepositoryRoot() ?? Directory.GetCurrentDirectory(), ".minipg");

    public static string? KafkaHome()
    {
        if (Environment.GetEnvironmentVariable("KAFKA_HOME") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        var besideRepository = RepositoryRoot() is { } root ? Path.GetFullPath(Path.Combine(root, "..", "shared", "kafka")) : null;
        return besideRepository is not null && Directory.Exists(besideRepository) ? besideRepository : null;
    }

    /// <summary>The first ancestor of the running assembly's folder, or else of the current folder, that holds the solution.</summary>
    public static string? RepositoryRoot() =>
        AncestorWithSolution(AppContext.BaseDirectory) ?? AncestorWithSolution(Directory.GetCurrentDirectory());

    private static string? AncestorWithSolution(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFileName)))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
