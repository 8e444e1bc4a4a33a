namespace MiniPg.Domain.Reconciliation;

/// <summary>Approvals are keyed by payment id, cancellations by cancellation id.</summary>
public enum TransactionKind
{
    Approval,
    Cancellation,
}
