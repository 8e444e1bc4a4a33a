using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Hosting;
using MiniPg.Infrastructure.Persistence;
using MiniPg.Processor.Authorization;

namespace MiniPg.Processor.Recovery;

/// <summary>
/// No payment stays <c>REQUESTED</c> without an owner. Every <see cref="StuckPaymentOptions.Interval"/> the janitor
/// takes the payments requested more than <see cref="StuckPaymentOptions.After"/> ago and settles each by inquiry
/// (approved at the acquirer: APPROVED) or net cancellation (anything else: FAILED, the card not charged), through
/// <see cref="PaymentAuthorizer.ResolveStuckAsync"/>. While the acquirer does not answer, they wait for the next sweep;
/// no operator action is needed once it does.
/// </summary>
public sealed partial class StuckPaymentJanitor(
    IServiceScopeFactory scopes,
    IOptions<StuckPaymentOptions> options,
    TimeProvider time,
    ILogger<StuckPaymentJanitor> logger) : RecurringJob(time, logger)
{
    private const int BatchSize = 50;

    protected override TimeSpan Interval => options.Value.Interval;

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => SweepAsync(cancellationToken);

    /// <summary>One sweep: returns how many stuck payments reached a final state.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        List<PaymentId> stuck;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var cutoff = Time.GetUtcNowForStorage() - options.Value.After;
            stuck = await scope.ServiceProvider.GetRequiredService<MiniPgDbContext>().Payments.AsNoTracking()
                .Where(payment => payment.Status == PaymentStatus.Requested && payment.RequestedAt < cutoff)
                .OrderBy(payment => payment.RequestedAt)
                .Select(payment => payment.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        var settled = 0;
        foreach (var paymentId in stuck)
        {
            if (await TryResolveAsync(paymentId, cancellationToken))
            {
                settled++;
            }
        }

        return settled;
    }

    /// <summary>
    /// One payment, in a scope of its own. What it throws is logged and the sweep goes on: the sweep takes the oldest
    /// first, so a payment that always throws would otherwise stop every sweep before the payments behind it.
    /// </summary>
    private async Task<bool> TryResolveAsync(PaymentId paymentId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<PaymentAuthorizer>().ResolveStuckAsync(paymentId, cancellationToken);
            if (outcome is AuthorizationOutcome.Done done)
            {
                LogSettled(Logger, paymentId, done.Result);
                return true;
            }

            LogStillUnknown(Logger, paymentId);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogResolutionFailed(Logger, exception, paymentId);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentId} was stuck REQUESTED; the janitor settled it: {Result}")]
    private static partial void LogSettled(ILogger logger, PaymentId paymentId, string result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payment {PaymentId} is stuck REQUESTED and the acquirer still does not answer; next sweep")]
    private static partial void LogStillUnknown(ILogger logger, PaymentId paymentId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Settling stuck payment {PaymentId} failed; the sweep goes on and the next one tries it again")]
    private static partial void LogResolutionFailed(ILogger logger, Exception exception, PaymentId paymentId);
}
