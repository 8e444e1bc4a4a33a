using Cronos;
using Microsoft.Extensions.Options;
using MiniPg.Core.Settlement;
using MiniPg.Core.SettlementRuns;

namespace MiniPg.Settlement.Scheduling;

/// <summary>
/// Settles yesterday (KST) every day after the KST day closes, on the cron schedule in Asia/Seoul time (Cronos handles
/// the time zone). A failed run is logged and retried by the next occurrence; runs are idempotent, so a restart
/// that fires twice changes nothing.
/// </summary>
public sealed partial class DailySettlementScheduler(
    IServiceScopeFactory scopes,
    IOptions<SettlementOptions> options,
    TimeProvider time,
    ILogger<DailySettlementScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(options.Value.Schedule);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = schedule.GetNextOccurrence(time.GetUtcNow(), BusinessCalendar.Kst);
            if (next is null)
            {
                return;
            }

            await Task.Delay(next.Value - time.GetUtcNow(), time, stoppingToken);
            var businessDate = BusinessCalendar.KstDateOf(next.Value).AddDays(-1);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var summary = await scope.ServiceProvider.GetRequiredService<SettlementRunner>().RunAsync(businessDate, progress: null, stoppingToken);
                LogSettled(businessDate, summary.Lines.Count);
            }
            catch (InvalidOperationException exception)
            {
                LogFailed(exception, businessDate);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled settlement of {BusinessDate}: {Lines} merchant lines")]
    private partial void LogSettled(DateOnly businessDate, int lines);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled settlement of {BusinessDate} failed; the next occurrence retries")]
    private partial void LogFailed(Exception exception, DateOnly businessDate);
}
