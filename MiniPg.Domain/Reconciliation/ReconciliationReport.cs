namespace MiniPg.Domain.Reconciliation;

/// <summary>Every key of a KST day, classified; <see cref="Counts"/> has every class, zero included.</summary>
public sealed record ReconciliationReport(IReadOnlyList<ReconciliationEntry> Entries)
{
    public IReadOnlyDictionary<ReconciliationClass, int> Counts { get; } =
        Enum.GetValues<ReconciliationClass>().ToDictionary(@class => @class, @class => Entries.Count(entry => entry.Class == @class));
}
