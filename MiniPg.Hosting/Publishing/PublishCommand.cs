namespace MiniPg.Hosting.Publishing;

/// <summary>
/// <c>publish [--output-path &lt;dir&gt;]</c> on the AppHost's command line: write the Compose project instead of running
/// anything. The output folder defaults to <c>deploy</c> under the current folder.
/// </summary>
internal static class PublishCommand
{
    public const string Verb = "publish";
    public const string DefaultOutputDirectory = "deploy";
    private const string OutputPathOption = "--output-path";

    public static bool IsRequested(IReadOnlyList<string> args) => args.Count > 0 && args[0] == Verb;

    public static string OutputDirectory(IReadOnlyList<string> args) => args switch
    {
        [Verb] => Path.GetFullPath(DefaultOutputDirectory),
        [Verb, OutputPathOption, var path] when !string.IsNullOrWhiteSpace(path) => Path.GetFullPath(path),
        _ => throw new DistributedApplicationException($"Usage: {Verb} [{OutputPathOption} <folder>] (default folder: ./{DefaultOutputDirectory})"),
    };
}
