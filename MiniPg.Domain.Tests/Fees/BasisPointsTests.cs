using MiniPg.Domain.Fees;

namespace MiniPg.Domain.Tests.Fees;

public sealed class BasisPointsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(230)]
    [InlineData(10_000)]
    public void A_rate_from_zero_to_one_hundred_percent_is_accepted(int value) =>
        Assert.Equal(new BasisPoints(value), BasisPoints.Of(value));

    [Theory]
    [InlineData(-1)]
    [InlineData(10_001)]
    [InlineData(int.MinValue)]
    public void A_rate_outside_zero_to_one_hundred_percent_is_refused(int value) =>
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => BasisPoints.Of(value)).ParamName);

    [Fact]
    public void A_rate_prints_in_basis_points() => Assert.Equal("230 bp", BasisPoints.Of(230).ToString());
}
