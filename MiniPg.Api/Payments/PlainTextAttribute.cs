using System.ComponentModel.DataAnnotations;
using System.Text;

namespace MiniPg.Api.Payments;

/// <summary>
/// Free text a person reads (an order name, a cancel reason) holds no control character: PostgreSQL refuses NUL in
/// text, and a line feed or an escape code has no place in a receipt. (A lone surrogate never gets this far: the JSON
/// reader refuses it.)
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PlainTextAttribute : ValidationAttribute
{
    public PlainTextAttribute()
        : base("{0} must be plain text, without control characters.")
    {
    }

    public override bool IsValid(object? value) =>
        value is not string text || !text.EnumerateRunes().Any(Rune.IsControl);
}
