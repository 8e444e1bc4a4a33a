using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using MiniPg.Domain.Calendar;

namespace MiniPg.Domain.Tests.Calendar;

/// <summary>A business date runs from 00:00 to 24:00 KST, which is 15:00 to 15:00 UTC.</summary>
public sealed class BusinessCalendarTests
{
    private static readonly DateTimeOffset OneSecondBeforeMidnightKst = new(2026, 11, 25, 23, 59, 59, TimeSpan.FromHours(9));
    private static readonly DateOnly November25 = new(2026, 11, 25);
    private static readonly DateOnly November26 = new(2026, 11, 26);

    [Fact]
    public void The_business_date_changes_exactly_at_midnight_KST()
    {
        var time = new FakeTimeProvider(OneSecondBeforeMidnightKst.ToUniversalTime());
        var before = BusinessCalendar.KstDateOf(time.GetUtcNow());

        time.Advance(TimeSpan.FromSeconds(1));
        var after = BusinessCalendar.KstDateOf(time.GetUtcNow());

        Assert.Equal((November25, November26), (before, after));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero), time.GetUtcNow());
    }

    [Theory]
    [InlineData("2026-11-25T14:59:59Z", "2026-11-25")]
    [InlineData("2026-11-25T15:00:00Z", "2026-11-26")]
    [InlineData("2026-11-25T00:00:00Z", "2026-11-25")]
    [InlineData("2026-11-24T15:00:00Z", "2026-11-25")]
    [InlineData("2026-11-25T23:30:00-09:00", "2026-11-26")]
    public void Any_instant_maps_to_its_KST_date(string instant, string kstDate) =>
        Assert.Equal(DateOnly.Parse(kstDate, CultureInfo.InvariantCulture), BusinessCalendar.KstDateOf(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture)));

    [Fact]
    public void A_KST_day_starts_and_ends_at_1500_UTC()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero), BusinessCalendar.KstStartOf(November25));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero), BusinessCalendar.KstEndOf(November25));
        Assert.Equal(TimeSpan.Zero, BusinessCalendar.KstStartOf(November25).Offset);
    }

    [Fact]
    public void A_day_has_not_closed_at_235959_KST_and_has_closed_at_midnight()
    {
        var time = new FakeTimeProvider(OneSecondBeforeMidnightKst.ToUniversalTime());
        var openAt235959 = BusinessCalendar.HasClosed(November25, time.GetUtcNow());

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(
            (false, true, false),
            (openAt235959, BusinessCalendar.HasClosed(November25, time.GetUtcNow()), BusinessCalendar.HasClosed(November26, time.GetUtcNow())));
    }
}
