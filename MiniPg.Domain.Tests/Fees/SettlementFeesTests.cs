using CsCheck;
using MiniPg.Domain.Fees;
using MiniPg.Domain.Money;

namespace MiniPg.Domain.Tests.Fees;

public sealed class SettlementFeesTests
{
    [Theory]
    [InlineData(34_000, 230, 782, 78, 860, 33_140)]
    [InlineData(1, 230, 0, 0, 0, 1)]
    [InlineData(10_001, 230, 230, 23, 253, 9_748)]
    [InlineData(99, 230, 2, 0, 2, 97)]
    [InlineData(10_000, 230, 230, 23, 253, 9_747)]
    [InlineData(1_000_000, 250, 25_000, 2_500, 27_500, 972_500)]
    [InlineData(34_000, 0, 0, 0, 0, 34_000)]
    [InlineData(-34_000, 230, -782, -78, -860, -33_140)]
    [InlineData(-99, 230, -2, 0, -2, -97)]
    [InlineData(0, 230, 0, 0, 0, 0)]
    [InlineData(1_000_000_000, 10_000, 1_000_000_000, 100_000_000, 1_100_000_000, -100_000_000)]
    public void Each_item_is_charged_its_supply_fee_and_vat_cut_below_one_won(
        long amount, int rate, long supplyFee, long vat, long fee, long net)
    {
        var fees = SettlementFees.For(new Won(amount), BasisPoints.Of(rate));

        Assert.Equal(
            (new Won(amount), new Won(supplyFee), new Won(vat), new Won(fee), new Won(net)),
            (fees.Amount, fees.SupplyFee, fees.Vat, fees.Fee, fees.Net));
    }

    [Fact]
    public void Fee_and_net_always_add_back_to_the_amount_and_a_cancellation_mirrors_its_approval() =>
        Gen.Select(Gen.Long[-1_000_000_000, 1_000_000_000], Gen.Int[0, BasisPoints.Whole]).Sample((amount, rate) =>
        {
            var fees = SettlementFees.For(new Won(amount), BasisPoints.Of(rate));
            var mirrored = SettlementFees.For(new Won(-amount), BasisPoints.Of(rate));

            return fees.Fee + fees.Net == fees.Amount
                && Math.Sign(fees.Fee.Value) * Math.Sign(amount) >= 0
                && mirrored.SupplyFee.Value == -fees.SupplyFee.Value
                && mirrored.Vat.Value == -fees.Vat.Value
                && mirrored.Net.Value == -fees.Net.Value;
        });

    // Above 9,090 bp the fee plus 10% VAT can exceed the amount (see the 10,000 bp row above); real rates are far below.
    [Fact]
    public void At_any_rate_up_to_9090_bp_the_fee_never_exceeds_the_amount() =>
        Gen.Select(Gen.Long[-1_000_000_000, 1_000_000_000], Gen.Int[0, 9_090]).Sample((amount, rate) =>
            Math.Abs(SettlementFees.For(new Won(amount), BasisPoints.Of(rate)).Fee.Value) <= Math.Abs(amount));
}
