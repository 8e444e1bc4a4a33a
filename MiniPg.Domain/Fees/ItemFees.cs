using MiniPg.Domain.Money;

namespace MiniPg.Domain.Fees;

/// <summary>What one settlement item costs the merchant: the supply fee, VAT on it, and what is left to pay out.</summary>
public sealed record ItemFees(Won Amount, Won SupplyFee, Won Vat)
{
    public Won Fee => SupplyFee + Vat;

    public Won Net => Amount - Fee;
}
