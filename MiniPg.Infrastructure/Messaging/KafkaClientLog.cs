using System.Runtime.CompilerServices;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace MiniPg.Infrastructure.Messaging;

/// <summary>
/// Sends librdkafka's own log lines and client errors through <see cref="ILogger"/> under the
/// <c>MiniPg.Kafka</c> category, instead of librdkafka's default of writing them straight to standard error, where no
/// log level, filter or OpenTelemetry exporter sees them. A broker that cannot be reached shows up as warnings: the
/// client reconnects on its own, and the outbox keeps what could not be sent. Repeats are throttled
/// (<see cref="KafkaLogThrottle"/>): an outage is a few lines a minute, not thousands.
/// </summary>
public static class KafkaClientLog
{
    public const string Category = "MiniPg.Kafka";

    /// <summary>One throttle per logger factory, so per service: all its clients' repeats count together.</summary>
    private static readonly ConditionalWeakTable<ILoggerFactory, KafkaLogThrottle> Throttles = new();

    public static ProducerBuilder<TKey, TValue> WithLogging<TKey, TValue>(this ProducerBuilder<TKey, TValue> builder, ILoggerFactory loggers)
    {
        var log = ThrottleOf(loggers);
        return builder
            .SetLogHandler((_, message) => log.Write(message))
            .SetErrorHandler((_, error) => log.Write(error));
    }

    public static ConsumerBuilder<TKey, TValue> WithLogging<TKey, TValue>(this ConsumerBuilder<TKey, TValue> builder, ILoggerFactory loggers)
    {
        var log = ThrottleOf(loggers);
        return builder
            .SetLogHandler((_, message) => log.Write(message))
            .SetErrorHandler((_, error) => log.Write(error));
    }

    public static AdminClientBuilder WithLogging(this AdminClientBuilder builder, ILoggerFactory loggers)
    {
        var log = ThrottleOf(loggers);
        return builder
            .SetLogHandler((_, message) => log.Write(message))
            .SetErrorHandler((_, error) => log.Write(error));
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

    private static KafkaLogThrottle ThrottleOf(ILoggerFactory loggers) =>
        Throttles.GetValue(loggers, factory => new KafkaLogThrottle(factory.CreateLogger(Category), TimeProvider.System));
}
