using System.Globalization;
using MiniPg.Domain.Calendar;

namespace MiniPg.Domain.Tests.Calendar;

/// <summary>
/// The holiday data covers 2026 and 2027. A date is covered when it and every day up to its latest possible payout
/// (T+30 business days) lie in those years: the last such date is 2027-11-18, whose T+30 is 2027-12-31.
/// </summary>
public sealed class CalendarCoverageTests
{
    [Theory]
    [InlineData("2026-01-01", true)]
    [InlineData("2026-11-30", true)]
    [InlineData("2027-11-18", true)]
    [InlineData("2027-11-19", false)]
    [InlineData("2027-12-31", false)]
    [InlineData("2025-12-31", false)]
    [InlineData("2028-01-03", false)]
    [InlineData("2099-01-01", false)]
    [InlineData("0001-01-01", false)]
    [InlineData("9999-12-31", false)]
    public void A_date_is_covered_when_the_holiday_data_reaches_its_latest_possible_payout(string date, bool covered) =>
        Assert.Equal(covered, BusinessCalendar.Covers(Day(date)));

    [Fact]
    public void The_last_covered_date_pays_out_at_the_latest_on_the_last_day_of_the_data() =>
        Assert.Equal(
            (Day("2027-12-31"), false),
            (BusinessCalendar.PayoutDate(Day("2027-11-18"), BusinessCalendar.MaxPayoutDelayBusinessDays), BusinessCalendar.TryPayoutDate(Day("2027-11-19"), BusinessCalendar.MaxPayoutDelayBusinessDays, out _)));

    [Theory]
    [InlineData("2027-12-31", 1)]
    [InlineData("2028-01-03", 0)]
    [InlineData("2025-12-31", 0)]
    [InlineData("9999-12-31", 0)]
    [InlineData("0001-01-01", 30)]
    public void Try_payout_date_answers_false_where_the_data_runs_out(string businessDate, int delay) =>
        Assert.Equal((false, default), (BusinessCalendar.TryPayoutDate(Day(businessDate), delay, out var payoutDate), payoutDate));

    [Theory]
    [InlineData("2026-11-27", 2, "2026-12-01")]
    [InlineData("2027-12-24", 1, "2027-12-28")]
    public void Try_payout_date_agrees_with_payout_date_inside_the_data(string businessDate, int delay, string payoutDate) =>
        Assert.Equal((true, Day(payoutDate)), (BusinessCalendar.TryPayoutDate(Day(businessDate), delay, out var payout), payout));

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
