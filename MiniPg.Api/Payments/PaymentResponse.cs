using MiniPg.Core;
using MiniPg.Core.Money;
using MiniPg.Core.Payments;

namespace MiniPg.Api.Payments;

/// <summary>The payment resource, as <c>GET /api/v1/payments/{id}</c> and every write return it.</summary>
public sealed record PaymentResponse(
    Guid Id,
    string OrderId,
    string OrderName,
    long Amount,
    string Currency,
    string Status,
    long CancelledAmount,
    CardResponse Card,
    FailureResponse? Failure,
    DateTimeOffset RequestedAt,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? SettledAt,
    DateTimeOffset? CancelledAt);

public sealed record CardResponse(string Brand, string Last4);

public sealed record FailureResponse(string Code, string Message);

public static class PaymentMapping
{
    public static string LocationOf(PaymentId id) => $"/api/v1/payments/{id}";

    public static PaymentResponse ToResponse(this Payment payment) => new(
        payment.Id.Value,
        payment.OrderId,
        payment.OrderName,
        payment.Amount.Value,
        Won.CurrencyCode,
        WireNames.Of(payment.Status),
        payment.CancelledAmount.Value,
        new CardResponse(WireNames.Of(payment.Card.Brand), payment.Card.Last4),
        payment.Failure is { } failure ? new FailureResponse(failure.Code, failure.Message) : null,
        payment.RequestedAt,
        payment.ApprovedAt,
        payment.SettledAt,
        payment.CancelledAt);
}
