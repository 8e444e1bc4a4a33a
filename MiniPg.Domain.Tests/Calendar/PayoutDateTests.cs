using System.Globalization;
using MiniPg.Domain.Calendar;

namespace MiniPg.Domain.Tests.Calendar;

public sealed class PayoutDateTests
{
    [Theory]
    [InlineData("2026-11-25", 0, "2026-11-25")]
    [InlineData("2026-11-25", 1, "2026-11-26")]
    [InlineData("2026-11-27", 2, "2026-12-01")]
    [InlineData("2026-11-29", 0, "2026-11-30")]
    [InlineData("2026-11-28", 1, "2026-12-01")]
    [InlineData("2026-09-23", 2, "2026-09-29")]
    [InlineData("2026-09-25", 0, "2026-09-28")]
    [InlineData("2026-02-27", 1, "2026-03-03")]
    [InlineData("2026-10-02", 1, "2026-10-06")]
    [InlineData("2026-06-02", 1, "2026-06-04")]
    [InlineData("2026-12-24", 1, "2026-12-28")]
    [InlineData("2026-12-31", 1, "2027-01-04")]
    [InlineData("2027-02-05", 1, "2027-02-10")]
    [InlineData("2027-12-24", 1, "2027-12-28")]
    [InlineData("2026-11-02", 30, "2026-12-14")]
    public void The_payout_date_is_the_nth_business_day_after_the_business_date(string businessDate, int delay, string payoutDate) =>
        Assert.Equal(Day(payoutDate), BusinessCalendar.PayoutDate(Day(businessDate), delay));

    [Theory]
    [InlineData("2026-11-27", true)]
    [InlineData("2026-11-28", false)]
    [InlineData("2026-11-29", false)]
    [InlineData("2026-09-24", false)]
    [InlineData("2026-10-05", false)]
    [InlineData("2026-06-03", false)]
    [InlineData("2030-01-07", true)]
    [InlineData("2030-01-05", false)]
    public void A_business_day_is_a_weekday_that_is_not_a_public_holiday(string date, bool businessDay) =>
        Assert.Equal(businessDay, BusinessCalendar.IsBusinessDay(Day(date)));

    [Theory]
    [InlineData("2027-12-31", 1)]
    [InlineData("2028-01-03", 0)]
    [InlineData("2025-12-31", 0)]
    public void A_payout_that_needs_a_year_missing_from_the_holiday_data_fails_loudly(string businessDate, int delay)
    {
        var error = Assert.Throws<InvalidOperationException>(() => BusinessCalendar.PayoutDate(Day(businessDate), delay));

        Assert.Contains("korean-public-holidays.csv", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(31)]
    public void A_delay_outside_zero_to_thirty_business_days_is_refused(int delay) =>
        Assert.Equal(
            "delayBusinessDays",
            Assert.Throws<ArgumentOutOfRangeException>(() => BusinessCalendar.PayoutDate(Day("2026-11-25"), delay)).ParamName);

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
