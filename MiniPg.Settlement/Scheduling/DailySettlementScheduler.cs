using Cronos;
using Microsoft.Extensions.Options;
using MiniPg.Domain.Calendar;
using MiniPg.Settlement.Runs;

namespace MiniPg.Settlement.Scheduling;

/// <summary>
/// Settles yesterday (KST) every day after the KST day closes, on the cron schedule in Asia/Seoul time (Cronos handles
/// the time zone). Runs are idempotent, so a restart that fires twice changes nothing. Whatever a run throws, short of
/// the service stopping, is logged and the schedule carries on: a failed run stays FAILED (or RUNNING) for the next
/// run of its date to resume, and a later date's run picks up the payments it left
/// (docs/decisions/0022-one-run-per-date-and-a-scheduler-that-carries-on.md).
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
            // One reading of the clock: a second one could land past the occurrence and make the delay negative.
            var now = time.GetUtcNow();
            var next = schedule.GetNextOccurrence(now, BusinessCalendar.Kst);
            if (next is null)
            {
                return;
            }

            await Task.Delay(next.Value - now, time, stoppingToken);
            var businessDate = BusinessCalendar.KstDateOf(next.Value).AddDays(-1);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var summary = await scope.ServiceProvider.GetRequiredService<SettlementRunner>().RunAsync(businessDate, progress: null, stoppingToken);
                LogSettled(businessDate, summary.Lines.Count);
            }
            catch (SettlementRunInProgressException)
            {
                LogAlreadyRunning(businessDate);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(exception, businessDate);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled settlement of {BusinessDate}: {Lines} merchant lines")]
    private partial void LogSettled(DateOnly businessDate, int lines);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled settlement of {BusinessDate} skipped: another run of that date is in progress")]
    private partial void LogAlreadyRunning(DateOnly businessDate);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled settlement of {BusinessDate} failed; the schedule carries on")]
    private partial void LogFailed(Exception exception, DateOnly businessDate);
}
