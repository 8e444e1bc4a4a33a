using System.Collections.Frozen;
using System.Globalization;

namespace MiniPg.Domain.Calendar;

/// <summary>
/// Korean public holidays, read once from the embedded korean-public-holidays.csv. Holidays are data because they
/// change by decree (substitute days, elections, restored holidays); a new year is a new block of lines, not code.
/// </summary>
public static class KoreanPublicHolidays
{
    private const string ResourceName = "korean-public-holidays.csv";
    private const string Header = "date,name";

    private static readonly FrozenDictionary<DateOnly, string> Names = Load();

    public static IReadOnlySet<DateOnly> All { get; } = Names.Keys.ToFrozenSet();

    /// <summary>The years the data covers. A year with no holiday lines is a year nobody entered, not a year without holidays.</summary>
    public static IReadOnlySet<int> CoveredYears { get; } = Names.Keys.Select(date => date.Year).ToFrozenSet();

    public static string? NameOf(DateOnly date) => Names.GetValueOrDefault(date);

    private static FrozenDictionary<DateOnly, string> Load()
    {
        using var stream = typeof(KoreanPublicHolidays).Assembly.GetManifestResourceStream(typeof(KoreanPublicHolidays), ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private static FrozenDictionary<DateOnly, string> Parse(string csv)
    {
        var holidays = new Dictionary<DateOnly, string>();
        var lineNumber = 0;
        foreach (var rawLine in csv.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line == Header)
            {
                continue;
            }

            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0
                || !DateOnly.TryParseExact(line[..comma], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || !holidays.TryAdd(date, line[(comma + 1)..].Trim()))
            {
                throw new InvalidDataException($"{ResourceName} line {lineNumber} is not a new 'yyyy-MM-dd,name' entry: {line}");
            }
        }

        return holidays.ToFrozenDictionary();
    }
}
