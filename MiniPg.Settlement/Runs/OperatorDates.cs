using MiniPg.Domain.Calendar;

namespace MiniPg.Settlement.Runs;

public enum DateRefusalReason
{
    /// <summary>The holiday data cannot settle the date; bad input until someone adds the missing year.</summary>
    OutsideCalendar,

    /// <summary>The KST day has not started: settling it now would book today's payments under a later date.</summary>
    NotBegun,

    /// <summary>The KST day is still open and open days are not allowed.</summary>
    NotClosed,
}

/// <summary>Why a business date cannot be worked on now, in words an operator can act on.</summary>
public sealed record DateRefusal(DateRefusalReason Reason, string Title, string Detail);

/// <summary>
/// Which business dates an operator may settle or reconcile now: one answer for the HTTP interface and the command
/// line (docs/decisions/0021-dates-an-operator-may-settle.md).
/// </summary>
public static class OperatorDates
{
    /// <summary>
    /// Null when <paramref name="date"/> may be settled at <paramref name="now"/>: a date the calendar covers, whose KST
    /// day has closed, or has at least begun when <paramref name="allowOpenDay"/>. A day that has not begun never may.
    /// </summary>
    public static DateRefusal? RefusalToSettle(DateOnly date, DateTimeOffset now, bool allowOpenDay)
    {
        if (!BusinessCalendar.Covers(date))
        {
            return OutsideCalendar(date);
        }

        if (!BusinessCalendar.HasBegun(date, now))
        {
            return new DateRefusal(
                DateRefusalReason.NotBegun,
                "Business day not begun",
                $"{date:yyyy-MM-dd} has not begun in Korea (KST), so it has nothing to settle yet; a day can be settled from 00:00 KST the next day.");
        }

        return !allowOpenDay && !BusinessCalendar.HasClosed(date, now)
            ? new DateRefusal(
                DateRefusalReason.NotClosed,
                "Business day not closed",
                $"{date:yyyy-MM-dd} has not ended in Korea yet; it can be settled from 00:00 KST the next day.")
            : null;
    }

    /// <summary>Null when <paramref name="date"/> may be reconciled: the same calendar rule as settling it.</summary>
    public static DateRefusal? RefusalToReconcile(DateOnly date) =>
        BusinessCalendar.Covers(date) ? null : OutsideCalendar(date);

    private static DateRefusal OutsideCalendar(DateOnly date) => new(
        DateRefusalReason.OutsideCalendar,
        "Date outside the holiday calendar",
        $"{date:yyyy-MM-dd} is outside the Korean public holiday data, which covers {BusinessCalendar.CoveredYearsText}: "
        + $"a run needs the date and up to {BusinessCalendar.MaxPayoutDelayBusinessDays} business days after it (its latest payout) inside those years.");
}
