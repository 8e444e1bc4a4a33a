namespace MiniPg.Core.Settlement;

/// <summary>
/// The one place the KST business date is computed. A business date runs from 00:00 to 24:00 Asia/Seoul
/// (15:00 to 15:00 UTC); business days skip weekends and <see cref="KoreanPublicHolidays"/>.
/// </summary>
public static class BusinessCalendar
{
    public const int MaxPayoutDelayBusinessDays = 30;

    /// <summary>Asia/Seoul, for schedules that must fire on KST wall-clock times.</summary>
    public static TimeZoneInfo Kst { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    public static DateOnly KstDateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Kst).DateTime);

    /// <summary>00:00 KST on <paramref name="date"/>, as a UTC instant.</summary>
    public static DateTimeOffset KstStartOf(DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Kst.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>The exclusive end of <paramref name="date"/>: the next day's 00:00 KST, as a UTC instant.</summary>
    public static DateTimeOffset KstEndOf(DateOnly date) => KstStartOf(date.AddDays(1));

    /// <summary>Whether the KST day is over at <paramref name="now"/>, so its settlement can run.</summary>
    public static bool HasClosed(DateOnly date, DateTimeOffset now) => now >= KstEndOf(date);

    /// <summary>
    /// Works for any date: outside the years in the holiday data only weekends count. Use <see cref="PayoutDate"/>
    /// for money, which refuses such years.
    /// </summary>
    public static bool IsBusinessDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !KoreanPublicHolidays.All.Contains(date);

    /// <summary>
    /// T+N: the N-th business day after <paramref name="businessDate"/>. T+0 is the business date itself when it is a
    /// business day, otherwise the next one. Throws when a day it must check lies in a year the holiday data lacks, so a
    /// missing calendar year fails loudly instead of paying out on a holiday.
    /// </summary>
    public static DateOnly PayoutDate(DateOnly businessDate, int delayBusinessDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delayBusinessDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delayBusinessDays, MaxPayoutDelayBusinessDays);

        var day = NextBusinessDayFrom(businessDate);
        for (var counted = 0; counted < delayBusinessDays; counted++)
        {
            day = NextBusinessDayFrom(day.AddDays(1));
        }

        return day;
    }

    private static DateOnly NextBusinessDayFrom(DateOnly date)
    {
        var day = date;
        while (!IsCoveredBusinessDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static bool IsCoveredBusinessDay(DateOnly date) =>
        KoreanPublicHolidays.CoveredYears.Contains(date.Year)
            ? IsBusinessDay(date)
            : throw new InvalidOperationException(
                $"The Korean public holiday data has no entries for {date.Year}, needed to find a payout date; add that year to korean-public-holidays.csv.");
}
