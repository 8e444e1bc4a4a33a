using System.Globalization;
using MiniPg.Domain.Calendar;
using MiniPg.Domain.Merchants;

namespace MiniPg.Domain.Fees;

/// <summary>
/// A merchant's fee terms from <see cref="EffectiveFrom"/> on. A change of terms is a new contract with a later date,
/// never an edit, so a past settlement can always be recomputed with the terms it used.
/// </summary>
public sealed class FeeContract
{
    public FeeContract(Guid id, MerchantId merchantId, DateOnly effectiveFrom, BasisPoints feeRate, int payoutDelayBusinessDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payoutDelayBusinessDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payoutDelayBusinessDays, BusinessCalendar.MaxPayoutDelayBusinessDays);

        Id = id;
        MerchantId = merchantId;
        EffectiveFrom = effectiveFrom;

        // BasisPoints' positional constructor (kept for EF Core) does not validate, so check the range here.
        FeeRate = BasisPoints.Of(feeRate.Value);
        PayoutDelayBusinessDays = payoutDelayBusinessDays;
    }

    public Guid Id { get; private set; }

    public MerchantId MerchantId { get; private set; }

    public DateOnly EffectiveFrom { get; private set; }

    public BasisPoints FeeRate { get; private set; }

    public int PayoutDelayBusinessDays { get; private set; }

    /// <summary>
    /// The contract in force on <paramref name="date"/>: the one with the latest <see cref="EffectiveFrom"/> on or
    /// before it. Pass one merchant's contracts; mixing merchants is a caller bug and throws.
    /// </summary>
    public static FeeContract InForceOn(IEnumerable<FeeContract> contracts, DateOnly date)
    {
        var all = contracts.ToList();
        var merchants = all.Select(contract => contract.MerchantId).Distinct().ToList();
        if (merchants.Count > 1)
        {
            throw new ArgumentException($"Fee contracts of {merchants.Count} merchants were mixed; pass one merchant's contracts.", nameof(contracts));
        }

        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (merchants.Count == 0)
        {
            throw new InvalidOperationException($"No fee contract is in force on {day}: no contracts were given.");
        }

        var latest = all.Where(contract => contract.EffectiveFrom <= date).OrderByDescending(contract => contract.EffectiveFrom).Take(2).ToList();
        return latest switch
        {
            [] => throw new InvalidOperationException($"No fee contract is in force for merchant {merchants[0]} on {day}."),
            [var only] => only,
            [var first, var second] when first.EffectiveFrom != second.EffectiveFrom => first,
            _ => throw new InvalidOperationException(
                $"Merchant {merchants[0]} has two fee contracts effective from {latest[0].EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}."),
        };
    }
}
