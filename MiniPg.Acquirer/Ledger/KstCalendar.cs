namespace MiniPg.Acquirer.Ledger;

/// <summary>The one place the acquirer turns a Korean business date into instants.</summary>
public static class KstCalendar
{
    public static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    /// <summary>The half-open range [start, end) of UTC instants whose Asia/Seoul date is <paramref name="date"/>.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) DayOf(DateOnly date) =>
        (StartOf(date), StartOf(date.AddDays(1)));

    private static DateTimeOffset StartOf(DateOnly date) =>
        new(TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Seoul), TimeSpan.Zero);
}
