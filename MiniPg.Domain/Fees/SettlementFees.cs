using MiniPg.Domain.Money;

namespace MiniPg.Domain.Fees;

/// <summary>
/// The one rounding rule for fees, applied per item (an approval, or a negative cancellation netted later), never per
/// day: a per-item rule lets a cancellation exactly mirror its approval, so netting it later returns the same won.
/// </summary>
public static class SettlementFees
{
    private const long VatPercent = 10;

    /// <summary>
    /// Supply fee = amount × rate / 10,000 and VAT = supply fee × 10%, each cut below one won (원 미만 절사).
    /// Long division truncates toward zero, so a negative amount yields exactly the negated fees of the positive one.
    /// </summary>
    public static ItemFees For(Won amount, BasisPoints rate)
    {
        var supplyFee = checked(amount.Value * rate.Value / BasisPoints.Whole);
        var vat = checked(supplyFee * VatPercent / 100);
        return new ItemFees(amount, new Won(supplyFee), new Won(vat));
    }
}
