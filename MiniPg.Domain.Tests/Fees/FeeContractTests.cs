using System.Globalization;
using MiniPg.Domain.Fees;
using MiniPg.Domain.Merchants;

namespace MiniPg.Domain.Tests.Fees;

public sealed class FeeContractTests
{
    private static readonly MerchantId Merchant = new(Guid.Parse("0199c5a0-0000-7000-8000-000000000001"));
    private static readonly FeeContract Opening = Contract(Merchant, "2026-01-01", 250, 2);
    private static readonly FeeContract Renegotiated = Contract(Merchant, "2026-11-26", 230, 1);

    [Theory]
    [InlineData("2026-01-01", 250, 2)]
    [InlineData("2026-11-25", 250, 2)]
    [InlineData("2026-11-26", 230, 1)]
    [InlineData("2027-06-30", 230, 1)]
    public void A_contract_change_applies_from_its_date_on_not_the_day_before(string date, int rate, int delay)
    {
        var contract = FeeContract.InForceOn([Renegotiated, Opening], Day(date));

        Assert.Equal((BasisPoints.Of(rate), delay), (contract.FeeRate, contract.PayoutDelayBusinessDays));
    }

    [Fact]
    public void A_date_before_the_first_contract_throws_naming_merchant_and_date()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FeeContract.InForceOn([Opening, Renegotiated], Day("2025-12-31")));

        Assert.Equal($"No fee contract is in force for merchant {Merchant} on 2025-12-31.", error.Message);
    }

    [Fact]
    public void No_contracts_at_all_throws_naming_the_date()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FeeContract.InForceOn([], Day("2026-11-25")));

        Assert.Equal("No fee contract is in force on 2026-11-25: no contracts were given.", error.Message);
    }

    [Fact]
    public void Two_contracts_effective_the_same_day_are_ambiguous_and_throw()
    {
        var duplicate = Contract(Merchant, "2026-11-26", 200, 0);

        var error = Assert.Throws<InvalidOperationException>(() => FeeContract.InForceOn([Opening, Renegotiated, duplicate], Day("2026-12-01")));

        Assert.Equal($"Merchant {Merchant} has two fee contracts effective from 2026-11-26.", error.Message);
    }

    [Fact]
    public void Contracts_of_different_merchants_cannot_be_mixed()
    {
        var other = Contract(new MerchantId(Guid.Parse("0199c5a0-0000-7000-8000-000000000002")), "2026-01-01", 300, 2);

        Assert.Equal("contracts", Assert.Throws<ArgumentException>(() => FeeContract.InForceOn([Opening, other], Day("2026-11-25"))).ParamName);
    }

    [Theory]
    [InlineData(10_001, 2, "value")]
    [InlineData(-1, 2, "value")]
    [InlineData(230, -1, "payoutDelayBusinessDays")]
    [InlineData(230, 31, "payoutDelayBusinessDays")]
    public void A_contract_with_an_out_of_range_rate_or_delay_is_refused(int rate, int delay, string parameter) =>
        Assert.Equal(
            parameter,
            Assert.Throws<ArgumentOutOfRangeException>(() => Contract(Merchant, "2026-01-01", rate, delay)).ParamName);

    private static FeeContract Contract(MerchantId merchant, string effectiveFrom, int rate, int delay) =>
        new(Guid.CreateVersion7(), merchant, Day(effectiveFrom), new BasisPoints(rate), delay);

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
