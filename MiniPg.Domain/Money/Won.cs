namespace MiniPg.Domain.Money;

/// <summary>
/// An amount of Korean won. KRW has no minor unit, so a won amount is a whole number; arithmetic is checked so an
/// overflow is an error, never a wrapped negative balance. Negative values are allowed: settlement nets cancellations.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(WonJsonConverter))]
public readonly record struct Won(long Value) : IComparable<Won>
{
    public const string CurrencyCode = "KRW";

    public static Won Zero { get; } = new(0);

    public static Won operator +(Won left, Won right) => new(checked(left.Value + right.Value));

    public static Won operator -(Won left, Won right) => new(checked(left.Value - right.Value));

    public static bool operator <(Won left, Won right) => left.Value < right.Value;

    public static bool operator >(Won left, Won right) => left.Value > right.Value;

    public static bool operator <=(Won left, Won right) => left.Value <= right.Value;

    public static bool operator >=(Won left, Won right) => left.Value >= right.Value;

    public static Won Min(Won left, Won right) => left <= right ? left : right;

    public int CompareTo(Won other) => Value.CompareTo(other.Value);

    public override string ToString() => $"{Value} {CurrencyCode}";
}
