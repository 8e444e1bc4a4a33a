using MiniPg.Domain.Merchants;
using MiniPg.Domain.Money;

namespace MiniPg.Domain.Settlement;

/// <summary>
/// What one merchant is paid for one business date: the sum of its settlement items. Σtotal = Σfee + Σnet holds by
/// construction, and the run re-checks it against the items before it completes.
/// </summary>
public sealed class SettlementLine
{
    public SettlementLine(DateOnly businessDate, MerchantId merchantId, IReadOnlyCollection<SettlementItem> items, DateOnly payoutDate)
    {
        Id = Guid.CreateVersion7();
        BusinessDate = businessDate;
        MerchantId = merchantId;
        GrossAmount = Sum(items.Where(item => item.Kind == SettlementItemKind.Approval), item => item.Amount);
        CancelledAmount = Won.Zero - Sum(items.Where(item => item.Kind == SettlementItemKind.Cancellation), item => item.Amount);
        FeeVat = Sum(items, item => item.Vat);
        FeeAmount = Sum(items, item => item.SupplyFee) + FeeVat;
        NetAmount = Sum(items, item => item.Net);
        PaymentCount = items.Count(item => item.Kind == SettlementItemKind.Approval);
        PayoutDate = payoutDate;
    }

    private SettlementLine()
    {
    }

    public Guid Id { get; private set; }

    public DateOnly BusinessDate { get; private set; }

    public MerchantId MerchantId { get; private set; }

    public Won GrossAmount { get; private set; }

    public Won CancelledAmount { get; private set; }

    public Won TotalAmount => GrossAmount - CancelledAmount;

    /// <summary>Supply fee plus VAT.</summary>
    public Won FeeAmount { get; private set; }

    public Won FeeVat { get; private set; }

    public Won NetAmount { get; private set; }

    public int PaymentCount { get; private set; }

    public DateOnly PayoutDate { get; private set; }

    private static Won Sum(IEnumerable<SettlementItem> items, Func<SettlementItem, Won> amount) =>
        items.Aggregate(Won.Zero, (sum, item) => sum + amount(item));
}
