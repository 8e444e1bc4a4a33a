using System.Globalization;

namespace MiniPg.Testing;

/// <summary>The benchmarks' options: <c>--name N</c>, a positive whole number, or the default when absent.</summary>
public static class CommandLineOptions
{
    public static int PositiveNumber(string[] args, string name, int defaultValue)
    {
        var index = Array.IndexOf(args, name);
        return index < 0 ? defaultValue
            : index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) && value > 0 ? value
            : throw new ArgumentException($"{name} needs a positive whole number.");
    }
}
