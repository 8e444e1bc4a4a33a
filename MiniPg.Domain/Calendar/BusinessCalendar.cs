namespace MiniPg.Domain.Calendar;

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

    /// <summary>Whether the KST day has started at <paramref name="now"/>: today or earlier in Korea.</summary>
    public static bool HasBegun(DateOnly date, DateTimeOffset now) => now >= KstStartOf(date);

    /// <summary>
    /// Whether the holiday data answers every question a settlement of <paramref name="businessDate"/> can ask: the
    /// date and every day up to its latest possible payout (T+<see cref="MaxPayoutDelayBusinessDays"/>) lie in years
    /// <see cref="KoreanPublicHolidays.CoveredYears"/> holds. The operator interfaces accept only such dates, so a run
    /// is never started that the calendar cannot finish, whatever the merchants' contracts say.
    /// </summary>
    public static bool Covers(DateOnly businessDate) => TryPayoutDate(businessDate, MaxPayoutDelayBusinessDays, out _);

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
    public static DateOnly PayoutDate(DateOnly businessDate, int delayBusinessDays) =>
        TryPayoutDate(businessDate, delayBusinessDays, out var payoutDate)
            ? payoutDate
            : throw new InvalidOperationException(
                $"The Korean public holiday data covers {CoveredYearsText}, not every day from {businessDate:yyyy-MM-dd} to its T+{delayBusinessDays} payout; add the missing year to korean-public-holidays.csv.");

    /// <summary>
    /// <see cref="PayoutDate"/>, or false (and no date) when a day it must check lies in a year the holiday data lacks.
    /// </summary>
    public static bool TryPayoutDate(DateOnly businessDate, int delayBusinessDays, out DateOnly payoutDate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delayBusinessDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delayBusinessDays, MaxPayoutDelayBusinessDays);

        payoutDate = default;
        if (!TryNextBusinessDayFrom(businessDate, out var day))
        {
            return false;
        }

        for (var counted = 0; counted < delayBusinessDays; counted++)
        {
            if (!TryNextBusinessDayFrom(day.AddDays(1), out day))
            {
                return false;
            }
        }

        payoutDate = day;
        return true;
    }

    /// <summary>The years the holiday data covers, for messages: <c>2026, 2027</c>.</summary>
    public static string CoveredYearsText => string.Join(", ", KoreanPublicHolidays.CoveredYears.Order());

    private static bool TryNextBusinessDayFrom(DateOnly date, out DateOnly businessDay)
    {
        businessDay = date;
        while (KoreanPublicHolidays.CoveredYears.Contains(businessDay.Year))
        {
            if (IsBusinessDay(businessDay))
            {
                return true;
            }

            businessDay = businessDay.AddDays(1);
        }

        return false;
    }
}
