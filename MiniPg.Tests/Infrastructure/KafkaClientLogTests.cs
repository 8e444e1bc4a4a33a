using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using MiniPg.Infrastructure.Messaging;

namespace MiniPg.Tests.Infrastructure;

public sealed class KafkaClientLogTests
{
    [Theory]
    [InlineData(SyslogLevel.Emergency, LogLevel.Critical)]
    [InlineData(SyslogLevel.Critical, LogLevel.Critical)]
    [InlineData(SyslogLevel.Error, LogLevel.Warning)]
    [InlineData(SyslogLevel.Warning, LogLevel.Warning)]
    [InlineData(SyslogLevel.Notice, LogLevel.Information)]
    [InlineData(SyslogLevel.Info, LogLevel.Information)]
    [InlineData(SyslogLevel.Debug, LogLevel.Debug)]
    public void Librdkafka_levels_map_to_logger_levels(SyslogLevel level, LogLevel expected) =>
        Assert.Equal(expected, KafkaClientLog.ToLogLevel(level));

    [Fact]
    public async Task A_client_that_cannot_reach_its_broker_warns_through_the_logger()
    {
        using var provider = new FakeLoggerProvider();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(provider));
        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = "127.0.0.1:1" }).WithLogging(loggers).Build())
        {
            Assert.Throws<KafkaException>(() => admin.GetMetadata(TimeSpan.FromSeconds(1)));
        }

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!provider.Collector.GetSnapshot().Any(IsKafkaWarning) && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Contains(provider.Collector.GetSnapshot(), IsKafkaWarning);
    }

    [Fact]
    public async Task Admin_clients_created_one_after_another_report_a_broker_that_is_down_once()
    {
        using var provider = new FakeLoggerProvider();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(provider));

        for (var check = 0; check < 3; check++)
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = "127.0.0.1:1" }).WithLogging(loggers).Build();
            Assert.Throws<KafkaException>(() => admin.GetMetadata(TimeSpan.FromSeconds(1)));
        }

        await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        Assert.Single(provider.Collector.GetSnapshot(), record => IsKafkaWarning(record) && record.Message.Contains(" FAIL: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Identical_lines_from_any_client_within_the_window_are_written_once_then_summed_up()
    {
        var (throttle, log, time) = Throttle();

        for (var i = 0; i < 1_000; i++)
        {
            throttle.Write(ConnectionRefused($"rdkafka#producer-{i}", afterMs: i % 3, suppressed: i % 5));
            time.Advance(TimeSpan.FromMilliseconds(50));
        }

        var first = Assert.Single(log.GetSnapshot());
        Assert.Equal((LogLevel.Warning, "rdkafka#producer-0 FAIL: " + ConnectionRefused("rdkafka#producer-0", 0, 0).Message), (first.Level, first.Message));

        time.Advance(TimeSpan.FromSeconds(10));

        var summary = log.LatestRecord;
        Assert.Equal(2, log.Count);
        Assert.Equal(LogLevel.Warning, summary.Level);
        Assert.Contains("repeated 999 more times in 60 s", summary.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_outage_that_lasts_is_one_summary_a_window_and_its_end_is_written_when_it_stops()
    {
        var (throttle, log, time) = Throttle();
        var outageStarted = time.GetUtcNow();

        for (var second = 0; second < 150; second++)
        {
            throttle.Write(ConnectionRefused("rdkafka#consumer-2"));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(3, log.Count);
        for (var second = 0; second < 120; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var lines = log.GetSnapshot();
        Assert.Equal(5, lines.Count);
        Assert.Contains("repeated 59 more times", lines[1].Message, StringComparison.Ordinal);
        Assert.Contains("repeated 60 more times", lines[2].Message, StringComparison.Ordinal);
        Assert.Contains("repeated 30 more times", lines[3].Message, StringComparison.Ordinal);
        Assert.Equal(LogLevel.Information, lines[4].Level);
        Assert.Contains($"stopped: 149 repeats after the first, the last at {outageStarted.AddSeconds(149):O}", lines[4].Message, StringComparison.Ordinal);

        throttle.Write(ConnectionRefused("rdkafka#consumer-2"));

        Assert.Equal(6, log.Count);
        Assert.StartsWith("rdkafka#consumer-2 FAIL: ", log.LatestRecord.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Different_lines_are_each_written_and_a_line_seen_once_needs_no_summary()
    {
        var (throttle, log, time) = Throttle();

        throttle.Write(ConnectionRefused("rdkafka#producer-1"));
        throttle.Write(new LogMessage("rdkafka#producer-1", SyslogLevel.Error, "FAIL", "[thrd:localhost:9092/1]: localhost:9092/1: Disconnected (after 12ms in state UP)"));
        throttle.Write(new LogMessage("rdkafka#producer-1", SyslogLevel.Warning, "REQTMOUT", ConnectionRefused("rdkafka#producer-1").Message));
        for (var second = 0; second < 300; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(3, log.Count);
    }

    [Fact]
    public void Client_errors_are_throttled_too_but_a_fatal_error_is_always_written()
    {
        var (throttle, log, time) = Throttle();

        for (var i = 0; i < 10; i++)
        {
            throttle.Write(new Error(ErrorCode.Local_AllBrokersDown, "1/1 brokers are down", isFatal: false));
            throttle.Write(new Error(ErrorCode.Local_Fatal, "producer fenced", isFatal: true));
        }

        time.Advance(TimeSpan.FromSeconds(60));

        var lines = log.GetSnapshot();
        Assert.Equal(12, lines.Count);
        Assert.Equal(10, lines.Count(line => line.Level == LogLevel.Critical));
        Assert.Contains("Local_AllBrokersDown: 1/1 brokers are down (repeated 9 more times in 60 s)", lines[^1].Message, StringComparison.Ordinal);
    }

    private static (KafkaLogThrottle Throttle, FakeLogCollector Log, FakeTimeProvider Time) Throttle()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 3, 0, 0, TimeSpan.Zero));
        var logger = new FakeLogger(collector: null, category: KafkaClientLog.Category);
        return (new KafkaLogThrottle(logger, time), logger.Collector, time);
    }

    /// <summary>What librdkafka says while the broker's port is closed, in the shape it says it.</summary>
    private static LogMessage ConnectionRefused(string client, int afterMs = 0, int suppressed = 0) => new(
        client,
        SyslogLevel.Error,
        "FAIL",
        $"[thrd:127.0.0.1:1/bootstrap]: 127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed: Connection refused (after {afterMs}ms in state CONNECT{(suppressed > 0 ? $", {suppressed} identical error(s) suppressed" : string.Empty)})");

    private static bool IsKafkaWarning(FakeLogRecord record) =>
        record.Category == KafkaClientLog.Category && record.Level == LogLevel.Warning && record.Message.Contains("127.0.0.1:1", StringComparison.Ordinal);
}
