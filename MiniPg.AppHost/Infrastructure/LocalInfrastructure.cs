namespace MiniPg.AppHost.Infrastructure;

/// <summary>
/// Where the local infrastructure keeps its data, and whether it runs at all. In run mode PostgreSQL, Redis and Kafka
/// are processes of this machine (no container runtime is needed); when publishing, or when <c>MiniPg:Infrastructure</c>
/// is <c>containers</c> on a machine with Docker, they are Aspire's container resources under the same names.
/// </summary>
public static class LocalInfrastructure
{
    public const string ModeKey = "MiniPg:Infrastructure";
    public const string DataDirectoryKey = "MINIPG_DATA_DIR";
    public const string KafkaHomeKey = "KAFKA_HOME";

    public static bool UsesContainers(this IDistributedApplicationBuilder builder) =>
        builder.ExecutionContext.IsPublishMode
        || string.Equals(builder.Configuration[ModeKey], "containers", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>MINIPG_DATA_DIR</c>, else <c>.minipg/</c> at the repository root. A fresh folder is a fresh system.</summary>
    public static string DataDirectory(this IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(builder.Configuration[DataDirectoryKey] is { Length: > 0 } configured
            ? configured
            : Path.Combine(builder.AppHostDirectory, "..", ".minipg"));

    /// <summary><c>KAFKA_HOME</c>, else an Apache Kafka distribution at <c>../shared/kafka</c> beside the repository.</summary>
    public static string KafkaHome(this IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(builder.Configuration[KafkaHomeKey] is { Length: > 0 } configured
            ? configured
            : Path.Combine(builder.AppHostDirectory, "..", "..", "shared", "kafka"));
}
