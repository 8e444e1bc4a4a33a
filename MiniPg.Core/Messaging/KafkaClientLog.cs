using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace MiniPg.Core.Messaging;

/// <summary>
/// Sends librdkafka's own log lines and client errors through <see cref="ILogger"/> under the
/// <c>MiniPg.Kafka</c> category, instead of librdkafka's default of writing them straight to standard error, where no
/// log level, filter or OpenTelemetry exporter sees them. A broker that cannot be reached shows up as warnings: the
/// client reconnects on its own, and the outbox keeps what could not be sent.
/// </summary>
public static partial class KafkaClientLog
{
    public const string Category = "MiniPg.Kafka";

    public static ProducerBuilder<TKey, TValue> WithLogging<TKey, TValue>(this ProducerBuilder<TKey, TValue> builder, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(Category);
        return builder
            .SetLogHandler((_, message) => Write(logger, message))
            .SetErrorHandler((_, error) => Write(logger, error));
    }

    public static ConsumerBuilder<TKey, TValue> WithLogging<TKey, TValue>(this ConsumerBuilder<TKey, TValue> builder, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(Category);
        return builder
            .SetLogHandler((_, message) => Write(logger, message))
            .SetErrorHandler((_, error) => Write(logger, error));
    }

    public static AdminClientBuilder WithLogging(this AdminClientBuilder builder, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(Category);
        return builder
            .SetLogHandler((_, message) => Write(logger, message))
            .SetErrorHandler((_, error) => Write(logger, error));
    }

    /// <summary>
    /// librdkafka uses syslog levels. Its errors (3) are connection failures it retries itself, so they are warnings
    /// here; only 0–2 are critical.
    /// </summary>
    public static LogLevel ToLogLevel(SyslogLevel level) => level switch
    {
        <= SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Warning,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    private static void Write(ILogger logger, LogMessage message)
    {
        var level = ToLogLevel(message.Level);
        ClientLog(logger, level, message.Name, message.Facility, message.Message);
    }

    private static void Write(ILogger logger, Error error)
    {
        if (error.IsFatal)
        {
            FatalError(logger, error.Code, error.Reason);
        }
        else
        {
            TransientError(logger, error.Code, error.Reason);
        }
    }

    [LoggerMessage(Message = "{Client} {Facility}: {Text}")]
    private static partial void ClientLog(ILogger logger, LogLevel level, string client, string facility, string text);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka client error {Code}, retried by the client: {Reason}")]
    private static partial void TransientError(ILogger logger, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Fatal Kafka client error {Code}: {Reason}")]
    private static partial void FatalError(ILogger logger, ErrorCode code, string reason);
}
