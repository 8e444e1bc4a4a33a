using Microsoft.Extensions.Logging;

namespace MiniPg.AppHost.Infrastructure;

internal static partial class HostingLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    public static partial void ToolOutput(ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Installing missing Debian packages: {Packages}")]
    public static partial void InstallingPackages(ILogger logger, string packages);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created database {Database}")]
    public static partial void DatabaseCreated(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote {ComposeFile}")]
    public static partial void ComposeWritten(ILogger logger, string composeFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Formatted a new Kafka log folder {Folder}")]
    public static partial void KafkaFormatted(ILogger logger, string folder);
}
