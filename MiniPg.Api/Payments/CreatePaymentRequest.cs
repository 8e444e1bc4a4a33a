using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using MiniPg.Domain.Cards;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;

namespace MiniPg.Api.Payments;

/// <summary>The body of <c>POST /api/v1/payments</c>. Shape rules are attributes; the card's expiry needs a clock and is checked in the handler.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreatePaymentRequest(
    [Display(Name = "orderId")]
    [property: Required, StringLength(Payment.MaxOrderIdLength, MinimumLength = 1), RegularExpression(CreatePaymentRequest.PrintableAscii, ErrorMessage = "orderId must be printable ASCII.")]
    string? OrderId,
    [Display(Name = "amount")]
    [property: Required, Range(1, Payment.MaxAmount, ErrorMessage = "amount must be a whole number of won from 1 to 1,000,000,000.")]
    long? Amount,
    [Display(Name = "currency")]
    [property: Required, AllowedValues(Won.CurrencyCode, ErrorMessage = "currency must be KRW.")]
    string? Currency,
    [Display(Name = "orderName")]
    [property: Required, StringLength(Payment.MaxOrderNameLength, MinimumLength = 1), PlainText]
    string? OrderName,
    [Display(Name = "card")]
    [property: Required]
    CardRequest? Card)
{
    internal const string PrintableAscii = "^[\\x20-\\x7E]+$";
}

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CardRequest(
    [Display(Name = "card.number")]
    [property: Required, ValidCardNumber]
    string? Number,
    [Display(Name = "card.expiryMonth")]
    [property: Required, Range(1, 12, ErrorMessage = "card.expiryMonth must be 1 to 12.")]
    int? ExpiryMonth,
    [Display(Name = "card.expiryYear")]
    [property: Required, Range(2000, 2099, ErrorMessage = "card.expiryYear must be a four-digit year.")]
    int? ExpiryYear);

/// <summary>12–19 digits passing the Luhn check, by the same rule the domain uses.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ValidCardNumberAttribute : ValidationAttribute
{
    public ValidCardNumberAttribute()
        : base("card.number must be 12 to 19 digits with a valid check digit.")
    {
    }

    public override bool IsValid(object? value) => value is null || CardNumber.TryParse(value as string, out _);
}
