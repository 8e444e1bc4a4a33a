namespace MiniPg.Hosting;

internal sealed record HostingSettings(
    string DataDirectory,
    string? KafkaHome,
    string EnvironmentName,
    TextWriter Output,
    TimeProvider TimeProvider,
    IReadOnlyList<string> Args)
{
    public string LogFile(string resourceName) => Path.Combine(DataDirectory, resourceName + ".log");

    public string PidFile(string resourceName) => Path.Combine(DataDirectory, resourceName + ".pid");
}
