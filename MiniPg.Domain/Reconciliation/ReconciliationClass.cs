namespace MiniPg.Domain.Reconciliation;

/// <summary>How one transaction key compares between our ledger and the acquirer's export (docs/design.md §7, 대사).</summary>
public enum ReconciliationClass
{
    Matched,

    /// <summary>A ghost: the acquirer has an approval or cancellation we do not.</summary>
    AcquirerOnly,

    OursOnly,

    AmountMismatch,

    /// <summary>Both sides know the key but disagree on what happened (approved there, failed or in flight here).</summary>
    StatusMismatch,

    /// <summary>The same payment approved, or the same cancellation id recorded, more than once on one side.</summary>
    Duplicate,
}
