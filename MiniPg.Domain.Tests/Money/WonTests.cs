using MiniPg.Domain.Money;

namespace MiniPg.Domain.Tests.Money;

public sealed class WonTests
{
    [Theory]
    [InlineData(15_000, 5_000, 20_000)]
    [InlineData(1, 0, 1)]
    [InlineData(0, -300, -300)]
    public void Adding_won_adds_whole_amounts(long left, long right, long expected) =>
        Assert.Equal(new Won(expected), new Won(left) + new Won(right));

    [Fact]
    public void Subtracting_past_zero_gives_a_negative_amount_for_netting() =>
        Assert.Equal(new Won(-5_000), new Won(10_000) - new Won(15_000));

    [Fact]
    public void An_overflowing_sum_is_an_error_not_a_wrapped_balance() =>
        Assert.Throws<OverflowException>(() => new Won(long.MaxValue) + new Won(1));

    [Fact]
    public void Amounts_compare_by_value()
    {
        Assert.True(new Won(1) < new Won(2));
        Assert.True(new Won(2) >= new Won(2));
        Assert.Equal(new Won(3), Won.Min(new Won(3), new Won(7)));
        Assert.Equal(new Won(0), Won.Zero);
    }

    [Fact]
    public void An_amount_prints_with_its_currency() => Assert.Equal("34000 KRW", new Won(34_000).ToString());
}
