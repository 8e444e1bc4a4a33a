using MiniPg.Domain.Fees;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;

namespace MiniPg.Domain.Settlement;

public enum SettlementItemKind
{
    Approval,
    Cancellation,
}

/// <summary>
/// One approved payment, or one cancel, in exactly one settlement, ever: unique indexes on the payment (approvals) and
/// on the cancellation id make a second settlement of either impossible. A cancel is a negative item, netted (상계)
/// in the first run after it happened, never an edit of a past settlement. Fees are computed per item by the one
/// rounding rule, so a report's rows add up to its line exactly.
/// </summary>
public sealed class SettlementItem
{
    public SettlementItem(DateOnly businessDate, MerchantId merchantId, PaymentId paymentId, Guid? cancellationId, string orderId, ItemFees fees, DateTimeOffset occurredAt)
    {
        Id = Guid.CreateVersion7();
        BusinessDate = businessDate;
        MerchantId = merchantId;
        PaymentId = paymentId;
        CancellationId = cancellationId;
        Kind = cancellationId is null ? SettlementItemKind.Approval : SettlementItemKind.Cancellation;
        OrderId = orderId;
        Amount = fees.Amount;
        SupplyFee = fees.SupplyFee;
        Vat = fees.Vat;
        Net = fees.Net;
        OccurredAt = occurredAt;
    }

    private SettlementItem()
    {
        OrderId = string.Empty;
    }

    public Guid Id { get; private set; }

    public DateOnly BusinessDate { get; private set; }

    public MerchantId MerchantId { get; private set; }

    public PaymentId PaymentId { get; private set; }

    public Guid? CancellationId { get; private set; }

    public SettlementItemKind Kind { get; private set; }

    public string OrderId { get; private set; }

    /// <summary>Positive for an approval, negative for a cancel.</summary>
    public Won Amount { get; private set; }

    public Won SupplyFee { get; private set; }

    public Won Vat { get; private set; }

    public Won Net { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }
}
