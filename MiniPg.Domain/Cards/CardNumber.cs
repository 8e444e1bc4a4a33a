using System.Diagnostics.CodeAnalysis;

namespace MiniPg.Domain.Cards;

/// <summary>
/// A full card number (PAN) as it arrives. It lives only for the length of a request: the payment keeps a
/// <see cref="CardSummary"/> and never the number itself. <see cref="ToString"/> masks it so it cannot leak into a log.
/// </summary>
public sealed class CardNumber
{
    private readonly string _digits;

    private CardNumber(string digits) => _digits = digits;

    /// <summary>The full number: for sealing in the vault only, never for storing or logging.</summary>
    public string Digits => _digits;

    public string Bin => _digits[..6];

    public string Last4 => _digits[^4..];

    public CardBrand Brand => _digits switch
    {
        ['4', ..] => CardBrand.Visa,
        ['5', >= '1' and <= '5', ..] => CardBrand.Mastercard,
        ['2', ..] when int.Parse(_digits[..4], System.Globalization.CultureInfo.InvariantCulture) is >= 2221 and <= 2720 => CardBrand.Mastercard,
        ['3', '4' or '7', ..] => CardBrand.Amex,
        ['3', '5', ..] => CardBrand.Jcb,
        ['6', '2', ..] => CardBrand.UnionPay,
        _ => CardBrand.Unknown,
    };

    /// <summary>Accepts 12–19 digits that pass the Luhn check.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out CardNumber? number)
    {
        number = null;
        if (text is null || text.Length is < 12 or > 19 || !text.All(char.IsAsciiDigit) || !PassesLuhn(text))
        {
            return false;
        }

        number = new CardNumber(text);
        return true;
    }

    public static CardNumber Parse(string text) =>
        TryParse(text, out var number) ? number : throw new FormatException("Not a valid card number.");

    public CardSummary Summarize(string token) => new(Brand, Bin, Last4, token);

    public override string ToString() => $"{Bin}******{Last4}";

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var digit = digits[i] - '0';
            if (doubleIt)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }
}
