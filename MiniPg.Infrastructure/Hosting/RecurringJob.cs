using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MiniPg.Infrastructure.Hosting;

/// <summary>
/// A safety net that runs one round every <see cref="Interval"/> for the life of the service (the stuck-payment
/// janitor, the cancellation recovery, the retention purge). Whatever a round throws (the database, the acquirer, a
/// bug) is logged as an error and the next round tries again: a background service that throws stops its whole host,
/// and a safety net must outlive what it guards against.
/// </summary>
public abstract partial class RecurringJob(TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected ILogger Logger { get; } = logger;

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunRoundAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunRoundAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(Logger, exception, GetType().Name);
            }

            await Task.Delay(Interval, Time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Job} round failed; the next round retries")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, string job);
}
