using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using MiniPg.Domain.Payments;

namespace MiniPg.Api.Payments;

/// <summary>The body of <c>POST /api/v1/payments/{id}/cancel</c>: no amount cancels whatever remains.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CancelPaymentRequest(
    [Display(Name = "amount")]
    [property: Range(1, Payment.MaxAmount, ErrorMessage = "amount must be a whole number of won from 1 to 1,000,000,000.")]
    long? Amount,
    [Display(Name = "reason")]
    [property: Required, StringLength(Payment.MaxCancelReasonLength, MinimumLength = 1), PlainText]
    string? Reason);
