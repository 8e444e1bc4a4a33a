using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;

namespace MiniPg.Domain.Reconciliation;

/// <summary>
/// The pure half of reconciliation: what we and the acquirer recorded for one KST day, one entry per key and every
/// input in exactly one entry. An approval the acquirer net-cancelled in full, of a payment we never approved, nets to
/// zero and is matched on both keys: that is the Processor's own 망취소 path, or a ghost already resolved.
/// </summary>
public static class ReconciliationMatcher
{
    public static ReconciliationReport Classify(IReadOnlyList<OurTransaction> ours, IReadOnlyList<AcquirerTransaction> theirs)
    {
        var ourApprovals = ours.Where(t => t.Kind == TransactionKind.Approval).ToLookup(t => t.PaymentId);
        var ourCancellations = ours.Where(t => t.Kind == TransactionKind.Cancellation).ToLookup(t => CancellationIdOf(t.CancellationId));
        var theirApprovals = theirs.Where(IsApproval).ToLookup(t => new PaymentId(t.RequestId));
        var theirCancellations = theirs.Where(t => !IsApproval(t)).ToLookup(t => CancellationIdOf(t.CancellationId));
        var netted = NetCancelledPayments(ourApprovals, ourCancellations, theirApprovals, theirCancellations);
        var ourPayments = ours.GroupBy(t => t.PaymentId).ToDictionary(group => group.Key, group => group.First());

        var approvals = ourApprovals.Select(group => group.Key).Union(theirApprovals.Select(group => group.Key))
            .Select(id => ClassifyApproval(id, [.. ourApprovals[id]], [.. theirApprovals[id]], netted.Contains(id)));
        var cancellations = ourCancellations.Select(group => group.Key).Union(theirCancellations.Select(group => group.Key))
            .Select(id => ClassifyCancellation(id, [.. ourCancellations[id]], [.. theirCancellations[id]], netted, ourPayments));
        return new ReconciliationReport([.. approvals.Concat(cancellations)
            .OrderBy(entry => entry.PaymentId.Value)
            .ThenBy(entry => entry.Kind)
            .ThenBy(entry => entry.CancellationId)]);
    }

    private static ReconciliationEntry ClassifyApproval(PaymentId id, List<OurTransaction> ours, List<AcquirerTransaction> theirs, bool netted)
    {
        var status = ours.FirstOrDefault()?.PaymentStatus;
        ReconciliationEntry Entry(ReconciliationClass @class, string explanation) =>
            new(@class, TransactionKind.Approval, id, null, OurSum(ours), TheirSum(theirs), status, explanation);

        if (ours.Count > 1 || theirs.Count > 1)
        {
            return Entry(ReconciliationClass.Duplicate, $"Approved {ours.Count} time(s) at ours and {theirs.Count} time(s) at the acquirer.");
        }

        return (ours.SingleOrDefault(), theirs.SingleOrDefault()) switch
        {
            (null, _) when netted => Entry(ReconciliationClass.Matched, "Approved and net-cancelled at the acquirer, no such payment at ours: nets to zero."),
            (null, _) => Entry(ReconciliationClass.AcquirerOnly, "Approved at the acquirer, no such payment at ours: a ghost approval."),
            ({ IsApproved: false } our, null) => Entry(ReconciliationClass.Matched, $"Approved on neither side; {Wire(our.PaymentStatus)} at ours."),
            (_, null) => Entry(ReconciliationClass.OursOnly, "Approved at ours, not in the acquirer's export."),
            ({ IsApproved: false } our, _) when netted =>
                Entry(ReconciliationClass.Matched, $"Approved and net-cancelled at the acquirer, {Wire(our.PaymentStatus)} at ours: nets to zero."),
            ({ IsApproved: false } our, _) => Entry(ReconciliationClass.StatusMismatch, $"Approved at the acquirer but {Wire(our.PaymentStatus)} at ours."),
            ({ } our, { } their) when our.Amount.Value != their.Amount =>
                Entry(ReconciliationClass.AmountMismatch, $"Approved for {our.Amount} at ours and {new Won(their.Amount)} at the acquirer."),
            _ => Entry(ReconciliationClass.Matched, "Approved on both sides for the same amount."),
        };
    }

    private static ReconciliationEntry ClassifyCancellation(
        Guid id, List<OurTransaction> ours, List<AcquirerTransaction> theirs, HashSet<PaymentId> netted, Dictionary<PaymentId, OurTransaction> ourPayments)
    {
        var paymentId = ours.Count > 0 ? ours[0].PaymentId : new PaymentId(theirs[0].RequestId);
        var payment = ourPayments.GetValueOrDefault(paymentId);
        ReconciliationEntry Entry(ReconciliationClass @class, string explanation) =>
            new(@class, TransactionKind.Cancellation, paymentId, id, OurSum(ours), TheirSum(theirs), payment?.PaymentStatus, explanation);

        if (ours.Count > 1 || theirs.Count > 1)
        {
            return Entry(ReconciliationClass.Duplicate, $"Cancellation recorded {ours.Count} time(s) at ours and {theirs.Count} time(s) at the acquirer.");
        }

        return (ours.SingleOrDefault(), theirs.SingleOrDefault()) switch
        {
            (null, _) when netted.Contains(paymentId) =>
                Entry(ReconciliationClass.Matched, "The acquirer's net cancellation of an approval we never recorded: nets to zero."),
            (null, _) when payment is { PaymentCancelledAmount.Value: 0 } => Entry(
                ReconciliationClass.StatusMismatch, $"Cancelled at the acquirer, but ours shows the payment {Wire(payment.PaymentStatus)} with nothing cancelled."),
            (null, _) => Entry(ReconciliationClass.AcquirerOnly, "Cancelled at the acquirer, no such cancellation at ours."),
            (_, null) => Entry(ReconciliationClass.OursOnly, "Cancelled at ours, not in the acquirer's export."),
            ({ } our, { } their) when our.Amount.Value != their.Amount =>
                Entry(ReconciliationClass.AmountMismatch, $"Cancelled {our.Amount} at ours and {new Won(their.Amount)} at the acquirer."),
            _ => Entry(ReconciliationClass.Matched, "Cancelled on both sides for the same amount."),
        };
    }

    /// <summary>
    /// Payments we never approved whose single acquirer approval is cancelled in full by cancellations we do not know
    /// (a void's cancellation id is generated by the acquirer): the card was charged and refunded the same day.
    /// </summary>
    private static HashSet<PaymentId> NetCancelledPayments(
        ILookup<PaymentId, OurTransaction> ourApprovals,
        ILookup<Guid, OurTransaction> ourCancellations,
        ILookup<PaymentId, AcquirerTransaction> theirApprovals,
        ILookup<Guid, AcquirerTransaction> theirCancellations)
    {
        var unknownCancelled = theirCancellations
            .Where(group => !ourCancellations.Contains(group.Key))
            .SelectMany(group => group)
            .GroupBy(cancellation => new PaymentId(cancellation.RequestId))
            .ToDictionary(group => group.Key, group => group.Sum(cancellation => cancellation.Amount));
        return [.. theirApprovals
            .Where(approval => approval.Count() == 1
                && !ourApprovals[approval.Key].Any(our => our.IsApproved)
                && unknownCancelled.GetValueOrDefault(approval.Key) == approval.Single().Amount)
            .Select(approval => approval.Key)];
    }

    private static bool IsApproval(AcquirerTransaction transaction) => transaction.Type switch
    {
        AcquirerTransaction.Approval => true,
        AcquirerTransaction.Cancellation => false,
        _ => throw new ArgumentException($"The acquirer's export has a line of unknown type '{transaction.Type}'.", nameof(transaction)),
    };

    private static Guid CancellationIdOf(Guid? cancellationId) =>
        cancellationId ?? throw new ArgumentException("A cancellation without a cancellation id cannot be reconciled.", nameof(cancellationId));

    private static Won? OurSum(List<OurTransaction> ours) =>
        ours.Count == 0 ? null : ours.Aggregate(Won.Zero, (sum, our) => sum + our.Amount);

    private static Won? TheirSum(List<AcquirerTransaction> theirs) => theirs.Count == 0 ? null : new Won(theirs.Sum(their => their.Amount));

    private static string Wire(PaymentStatus status) => WireNames.Of(status);
}
