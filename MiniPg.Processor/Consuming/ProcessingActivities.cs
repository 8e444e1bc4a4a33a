using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Processor.Consuming;

/// <summary>
/// Records what the Processor's transport did with a payment's request (a retry scheduled, a dead-lettering, a replay)
/// for the payment's timeline. These have no row of their own to commit with: the effect is a Kafka record, already
/// written when this runs, so each is saved in a scope of its own, and only for a payment MiniPg has (a poison
/// message's key names none, and gets nothing). The record is an account, never a condition: a database that refuses
/// it loses the timeline an entry, not the retry, and the consume loop carries on.
/// </summary>
public sealed partial class ProcessingActivities(IServiceScopeFactory scopes, ILogger<ProcessingActivities> logger)
{
    public async Task RecordAsync(string? paymentKey, Func<PaymentId, PaymentActivity> activityOf, CancellationToken cancellationToken)
    {
        if (!PaymentId.TryParse(paymentKey, out var paymentId))
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();

            // The replay command may run without the database (a broker named alone): it replays all the same.
            if (scope.ServiceProvider.GetService<MiniPgDbContext>() is not { } db
                || !await db.Payments.AnyAsync(payment => payment.Id == paymentId, cancellationToken))
            {
                return;
            }

            db.PaymentActivities.Add(activityOf(paymentId));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is DbException or DbUpdateException or RetryLimitExceededException or InvalidOperationException
            && !cancellationToken.IsCancellationRequested)
        {
            LogNotRecorded(exception, paymentId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentId}: an activity of its timeline could not be recorded")]
    private partial void LogNotRecorded(Exception exception, PaymentId paymentId);
}
