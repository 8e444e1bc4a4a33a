using System.Globalization;
using MiniPg.Domain.Calendar;

namespace MiniPg.Domain.Tests.Calendar;

public sealed class KoreanPublicHolidaysTests
{
    [Fact]
    public void The_data_covers_2026_and_2027()
    {
        Assert.Equal([2026, 2027], KoreanPublicHolidays.CoveredYears.Order());
        Assert.Equal(45, KoreanPublicHolidays.All.Count);
    }

    [Theory]
    [InlineData("2026-02-17", "설날")]
    [InlineData("2026-03-02", "대체공휴일(삼일절)")]
    [InlineData("2026-06-03", "전국동시지방선거")]
    [InlineData("2026-09-24", "추석 전날")]
    [InlineData("2027-02-09", "대체공휴일(설날)")]
    [InlineData("2027-12-27", "대체공휴일(기독탄신일)")]
    public void A_listed_holiday_is_known_by_its_name(string date, string name) =>
        Assert.Equal(name, KoreanPublicHolidays.NameOf(Day(date)));

    [Fact]
    public void An_ordinary_day_has_no_holiday_name() => Assert.Null(KoreanPublicHolidays.NameOf(Day("2026-11-25")));

    [Fact]
    public void Every_substitute_holiday_falls_on_a_weekday() =>
        Assert.All(
            KoreanPublicHolidays.All.Where(date => KoreanPublicHolidays.NameOf(date)!.StartsWith("대체공휴일", StringComparison.Ordinal)),
            date => Assert.InRange(date.DayOfWeek, DayOfWeek.Monday, DayOfWeek.Friday));

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
