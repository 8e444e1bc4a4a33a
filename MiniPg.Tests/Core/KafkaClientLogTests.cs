using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MiniPg.Core.Messaging;

namespace MiniPg.Tests.Core;

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

    private static bool IsKafkaWarning(FakeLogRecord record) =>
        record.Category == KafkaClientLog.Category && record.Level == LogLevel.Warning && record.Message.Contains("127.0.0.1:1", StringComparison.Ordinal);
}
