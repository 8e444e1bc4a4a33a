using System.Globalization;
using MiniPg.Settlement.Runs;

namespace MiniPg.Tests.Settlement;

/// <summary>
/// Which dates an operator may settle at 10:00 KST on 2026-11-25: closed days always, today only where open days are
/// allowed, a day that has not begun never, and nothing outside the holiday calendar.
/// </summary>
public sealed class OperatorDatesTests
{
    private static readonly DateTimeOffset TenInTheMorningKst = new(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(9));

    [Theory]
    [InlineData("2026-11-24", false, null)]
    [InlineData("2026-11-24", true, null)]
    [InlineData("2026-11-25", false, DateRefusalReason.NotClosed)]
    [InlineData("2026-11-25", true, null)]
    [InlineData("2026-11-26", false, DateRefusalReason.NotBegun)]
    [InlineData("2026-11-26", true, DateRefusalReason.NotBegun)]
    [InlineData("2026-12-16", true, DateRefusalReason.NotBegun)]
    [InlineData("2025-12-31", true, DateRefusalReason.OutsideCalendar)]
    [InlineData("2027-11-19", true, DateRefusalReason.OutsideCalendar)]
    [InlineData("9999-12-31", true, DateRefusalReason.OutsideCalendar)]
    [InlineData("0001-01-01", false, DateRefusalReason.OutsideCalendar)]
    public void A_date_may_be_settled_once_its_KST_day_has_closed_or_begun_where_open_days_are_allowed(string date, bool allowOpenDay, DateRefusalReason? refusal) =>
        Assert.Equal(refusal, OperatorDates.RefusalToSettle(Day(date), TenInTheMorningKst, allowOpenDay)?.Reason);

    [Fact]
    public void Tomorrow_opens_for_settlement_exactly_at_midnight_KST_where_open_days_are_allowed()
    {
        var tomorrow = Day("2026-11-26");
        var lastSecond = new DateTimeOffset(2026, 11, 25, 23, 59, 59, TimeSpan.FromHours(9));

        Assert.Equal(
            (DateRefusalReason.NotBegun, (DateRefusalReason?)null),
            (OperatorDates.RefusalToSettle(tomorrow, lastSecond, allowOpenDay: true)?.Reason, OperatorDates.RefusalToSettle(tomorrow, lastSecond.AddSeconds(1), allowOpenDay: true)?.Reason));
    }

    [Theory]
    [InlineData("2026-11-26", null)]
    [InlineData("2027-11-19", DateRefusalReason.OutsideCalendar)]
    [InlineData("0001-01-01", DateRefusalReason.OutsideCalendar)]
    public void Reconciliation_takes_the_dates_the_calendar_covers(string date, DateRefusalReason? refusal) =>
        Assert.Equal(refusal, OperatorDates.RefusalToReconcile(Day(date))?.Reason);

    [Fact]
    public void A_refusal_outside_the_calendar_names_the_years_the_data_covers() =>
        Assert.Contains("2026, 2027", OperatorDates.RefusalToSettle(Day("2099-01-01"), TenInTheMorningKst, allowOpenDay: true)!.Detail, StringComparison.Ordinal);

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
