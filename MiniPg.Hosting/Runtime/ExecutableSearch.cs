namespace MiniPg.Hosting;

internal static class ExecutableSearch
{
    /// <summary>The full path of <paramref name="name"/> on PATH, or <see langword="null"/>.</summary>
    public static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    public static string? Java() =>
        Environment.GetEnvironmentVariable("JAVA_HOME") is { Length: > 0 } javaHome && File.Exists(Path.Combine(javaHome, "bin", "java"))
            ? Path.Combine(javaHome, "bin", "java")
            : OnPath("java");

    /// <summary>The dotnet muxer: the one that launched us (DOTNET_HOST_PATH) or the one on PATH.</summary>
    public static string Dotnet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath)
            ? hostPath
            : OnPath("dotnet") ?? "dotnet";
}
