using System.Net.Sockets;
using Confluent.Kafka;
using Npgsql;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using StackExchange.Redis;

namespace MiniPg.Hosting;

/// <summary>Polls a health probe until it answers: a Polly retry every 250 ms inside an overall timeout.</summary>
internal static class Readiness
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The failures that mean "not up yet"; anything else is a bug and surfaces at once.</summary>
    private static readonly PredicateBuilder<object> NotReadyYet = new PredicateBuilder()
        .Handle<ResourceNotReadyException>()
        .Handle<SocketException>()
        .Handle<IOException>()
        .Handle<HttpRequestException>()
        .Handle<TaskCanceledException>(exception => exception.InnerException is TimeoutException)
        .Handle<NpgsqlException>()
        .Handle<RedisException>()
        .Handle<KafkaException>();

    public static async Task WaitAsync(
        string resourceName,
        TimeSpan timeout,
        TimeProvider timeProvider,
        Func<CancellationToken, Task> probe,
        CancellationToken cancellationToken)
    {
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddTimeout(timeout)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = NotReadyYet,
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = PollInterval,
                UseJitter = false,
            })
            .Build();
        try
        {
            await pipeline.ExecuteAsync(async token => await probe(token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException exception)
        {
            throw new DistributedApplicationException($"{resourceName} did not become healthy within {timeout.TotalSeconds:0} s.", exception);
        }
    }
}
