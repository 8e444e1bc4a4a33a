using System.Text.Json;
using System.Text.Json.Serialization;
using MiniPg.Domain;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;

namespace MiniPg.Infrastructure.Caching;

/// <summary>
/// The payment resource merchants see (<c>GET /api/v1/payments/{id}</c> and every write). It lives beside the cache
/// because every writer of a payment, in any service, also refreshes its cached copy.
/// </summary>
public sealed record PaymentResource(
    Guid Id,
    string OrderId,
    string OrderName,
    long Amount,
    string Currency,
    string Status,
    long CancelledAmount,
    CardResource Card,
    FailureResource? Failure,
    DateTimeOffset RequestedAt,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? SettledAt,
    DateTimeOffset? CancelledAt)
{
    public static string LocationOf(PaymentId id) => $"/api/v1/payments/{id}";

    public static PaymentResource Of(Payment payment) => new(
        payment.Id.Value,
        payment.OrderId,
        payment.OrderName,
        payment.Amount.Value,
        Won.CurrencyCode,
        WireNames.Of(payment.Status),
        payment.CancelledAmount.Value,
        new CardResource(WireNames.Of(payment.Card.Brand), payment.Card.Last4),
        payment.Failure is { } failure ? new FailureResource(failure.Code, failure.Message) : null,
        payment.RequestedAt,
        payment.ApprovedAt,
        payment.SettledAt,
        payment.CancelledAt);

    /// <summary>The JSON bytes of a payment's resource: what is sent, stored for replay and cached.</summary>
    public static byte[] JsonOf(Payment payment) => JsonSerializer.SerializeToUtf8Bytes(Of(payment), PaymentResourceJson.Default.PaymentResource);
}

public sealed record CardResource(string Brand, string Last4);

public sealed record FailureResource(string Code, string Message);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PaymentResource))]
internal sealed partial class PaymentResourceJson : JsonSerializerContext;
