using Microsoft.EntityFrameworkCore;
using MiniPg.Domain;
using MiniPg.Domain.Events;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Acquiring;
using MiniPg.Infrastructure.Caching;
using MiniPg.Infrastructure.Cards;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Processor.Authorization;

/// <summary>
/// The business step for one <c>payment.requested</c>: ask the acquirer, and record APPROVED or FAILED through the
/// aggregate (its event goes out through the outbox in the same transaction). An unknown outcome is never a failure:
/// it is settled by inquiry, retried later, and only on the last attempt net-cancelled (망취소) before the payment is
/// failed, so no card is ever charged for a payment MiniPg shows as FAILED. Each acquirer call is recorded for the
/// payment's timeline (<see cref="RecordedAcquirer"/>) and saved with the outcome, or on its own when there is none yet.
/// </summary>
public sealed class PaymentAuthorizer(MiniPgDbContext db, CardVault vault, RecordedAcquirer acquirer, PaymentResourceCache cache, TimeProvider time)
{
    /// <summary>Runs processing attempt <paramref name="attempt"/> (1 for the first delivery) of the request.</summary>
    public async Task<AuthorizationOutcome> AuthorizeAsync(PaymentRequested requested, int attempt, bool lastAttempt, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.SingleOrDefaultAsync(p => p.Id == new PaymentId(requested.PaymentId), cancellationToken);
        if (payment is null)
        {
            return new AuthorizationOutcome.Poison($"No payment {requested.PaymentId} exists.");
        }

        if (payment.Status != PaymentStatus.Requested)
        {
            return new AuthorizationOutcome.Done($"already {WireNames.Of(payment.Status)}");
        }

        var card = await vault.RevealAsync(payment.Card.Token, cancellationToken);
        if (card is null)
        {
            return new AuthorizationOutcome.Poison($"The card of payment {payment.Id} is not in the vault.");
        }

        var outcome = await acquirer.ApproveAsync(payment, card, attempt, cancellationToken);
        if (outcome is ApprovalOutcome.Unknown)
        {
            outcome = await acquirer.InquireAsync(payment.Id, attempt, cancellationToken);
        }

        if (outcome is ApprovalOutcome.Unknown or ApprovalOutcome.NotFound && lastAttempt)
        {
            // Out of attempts: make sure the acquirer will never charge this payment, then fail it.
            outcome = await acquirer.VoidAsync(payment.Id, attempt, cancellationToken);
        }

        return await RecordAsync(payment, outcome, resolvingStuck: false, cancellationToken);
    }

    /// <summary>
    /// Settles a payment left <c>REQUESTED</c> past every retry (its request dead-lettered, or lost with a crash): an
    /// approval the acquirer made is recorded; anything else is net-cancelled and failed. An acquirer that still does
    /// not answer leaves it for the next sweep.
    /// </summary>
    public async Task<AuthorizationOutcome> ResolveStuckAsync(PaymentId paymentId, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.SingleAsync(p => p.Id == paymentId, cancellationToken);
        if (payment.Status != PaymentStatus.Requested)
        {
            return new AuthorizationOutcome.Done($"already {WireNames.Of(payment.Status)}");
        }

        var outcome = await acquirer.InquireAsync(payment.Id, attempt: null, cancellationToken);
        if (outcome is ApprovalOutcome.Unknown or ApprovalOutcome.NotFound)
        {
            outcome = await acquirer.VoidAsync(payment.Id, attempt: null, cancellationToken);
        }

        return await RecordAsync(payment, outcome, resolvingStuck: true, cancellationToken);
    }

    private async Task<AuthorizationOutcome> RecordAsync(Payment payment, ApprovalOutcome outcome, bool resolvingStuck, CancellationToken cancellationToken)
    {
        switch (outcome)
        {
            case ApprovalOutcome.Approved approved:
                payment.Approve(approved.TransactionId, approved.ApprovedAt);
                break;
            case ApprovalOutcome.Declined declined:
                payment.Fail(new PaymentFailure(declined.Code, declined.Message), time.GetUtcNowForStorage());
                break;
            case ApprovalOutcome.NotCharged notCharged:
                payment.Fail(new PaymentFailure("acquirer_unavailable", $"The card acquirer did not answer in time; the authorization was {notCharged.Status.ToLowerInvariant()} and the card is not charged."), time.GetUtcNowForStorage());
                break;
            default:
                // Nothing to record but the calls themselves, and a janitor's sweep that learned nothing records nothing:
                // while the acquirer stays down it would add two rows per stuck payment every sweep.
                if (!resolvingStuck)
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                return new AuthorizationOutcome.RetryLater(outcome is ApprovalOutcome.Unknown unknown ? unknown.Reason : "the acquirer has not seen the request yet");
        }

        if (resolvingStuck)
        {
            db.PaymentActivities.Add(PaymentActivity.Happened(
                payment.Id,
                PaymentActivityKinds.StuckResolved,
                time.GetUtcNowForStorage(),
                WireNames.Of(payment.Status),
                "left REQUESTED longer than the Processor's attempts take; settled by the stuck-payment janitor"));
        }

        await vault.ForgetAsync(payment.Card.Token, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another Processor recorded the same acquirer answer first (a duplicate delivery raced us). Our calls
            // were made all the same: they are saved without the outcome the other Processor saved.
            await SaveCallsOnlyAsync(cancellationToken);
            return new AuthorizationOutcome.Done("recorded concurrently");
        }

        await cache.SetAsync(payment, PaymentResource.JsonOf(payment));
        return new AuthorizationOutcome.Done(WireNames.Of(payment.Status));
    }

    private async Task SaveCallsOnlyAsync(CancellationToken cancellationToken)
    {
        var notCalls = db.ChangeTracker.Entries()
            .Where(entry => entry.State != EntityState.Added
                || entry.Entity is not PaymentActivity { Kind: PaymentActivityKinds.AcquirerApprove or PaymentActivityKinds.AcquirerInquire or PaymentActivityKinds.AcquirerVoid })
            .ToList();
        foreach (var entry in notCalls)
        {
            entry.State = EntityState.Detached;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
