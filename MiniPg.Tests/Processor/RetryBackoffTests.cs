using MiniPg.Processor.Consuming;

namespace MiniPg.Tests.Processor;

public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(2, 1_000, 1_000)]
    [InlineData(3, 1_000, 2_000)]
    [InlineData(5, 1_000, 8_000)]
    [InlineData(2, 0, 0)]
    [InlineData(1_000_000, 0, 0)]
    [InlineData(40, 1_000, 600_000)]
    [InlineData(int.MaxValue, 1_000, 600_000)]
    [InlineData(3, 900_000, 600_000)]
    public void The_delay_doubles_from_the_base_and_never_exceeds_ten_minutes(int attempt, long baseMs, long expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RetryBackoff.BeforeAttempt(attempt, TimeSpan.FromMilliseconds(baseMs)));
    }

    [Fact]
    public void The_largest_base_delay_does_not_overflow()
    {
        Assert.Equal(RetryBackoff.MaxDelay, RetryBackoff.BeforeAttempt(10, TimeSpan.MaxValue));
    }

    [Fact]
    public void There_is_no_delay_before_the_first_attempt()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryBackoff.BeforeAttempt(1, TimeSpan.FromSeconds(1)));
    }
}
