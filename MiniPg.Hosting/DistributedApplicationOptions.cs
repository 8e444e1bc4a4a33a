using Microsoft.Extensions.Logging;

namespace MiniPg.Hosting;

/// <summary>Settings for <see cref="DistributedApplication.CreateBuilder(DistributedApplicationOptions)"/>; every value has a default.</summary>
public sealed class DistributedApplicationOptions
{
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Where every resource keeps its data, logs and pid file. Default: <c>MINIPG_DATA_DIR</c>, else <c>&lt;repo root&gt;/.minipg</c>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>An Apache Kafka 4.x binary distribution. Default: <c>KAFKA_HOME</c>, else <c>&lt;repo root&gt;/../shared/kafka</c> when it exists.</summary>
    public string? KafkaHome { get; init; }

    /// <summary>Passed to projects as <c>ASPNETCORE_ENVIRONMENT</c> and <c>DOTNET_ENVIRONMENT</c>.</summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Receives the application's own log messages. Default: a single-line console logger.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Receives the status table, state changes and the projects' output. Default: the console.</summary>
    public TextWriter? Output { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
