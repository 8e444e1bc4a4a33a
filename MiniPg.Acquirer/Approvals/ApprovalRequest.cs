using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace MiniPg.Acquirer.Approvals;

/// <summary>The body of <c>POST /v1/approvals</c>. The request id is the caller's idempotency key.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ApprovalRequest(
    [property: Required] Guid? RequestId,
    [property: Required] Guid? MerchantId,
    [property: Required, Range(1, ApprovalRequest.MaxAmount)] long? Amount,
    [property: Required, AllowedValues(ApprovalRequest.CurrencyCode)] string? Currency,
    [property: Required] ApprovalCard? Card)
{
    public const long MaxAmount = 1_000_000_000;

    public const string CurrencyCode = "KRW";
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ApprovalCard(
    [property: Required, LuhnCardNumber] string? Number,
    [property: Required, Range(1, 12)] int? ExpiryMonth,
    [property: Required, Range(2000, 2099)] int? ExpiryYear);

/// <summary>12 to 19 digits whose last digit is the Luhn check digit.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class LuhnCardNumberAttribute : ValidationAttribute
{
    public LuhnCardNumberAttribute()
        : base("The card number must be 12 to 19 digits with a valid check digit.")
    {
    }

    public override bool IsValid(object? value) => value is null || (value is string number && IsValidNumber(number));

    public static bool IsValidNumber(string number)
    {
        if (number.Length is < 12 or > 19 || !number.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < number.Length; i++)
        {
            var digit = number[number.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }
}
