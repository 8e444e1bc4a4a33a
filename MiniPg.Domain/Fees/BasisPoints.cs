namespace MiniPg.Domain.Fees;

/// <summary>
/// A rate in hundredths of a percent (230 bp = 2.30%), so fee rates are exact integers. Build one with
/// <see cref="Of"/>; the positional constructor exists for EF Core and does not validate.
/// </summary>
public readonly record struct BasisPoints(int Value)
{
    public const int Whole = 10_000;

    public static BasisPoints Of(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Whole);
        return new BasisPoints(value);
    }

    public override string ToString() => $"{Value} bp";
}
