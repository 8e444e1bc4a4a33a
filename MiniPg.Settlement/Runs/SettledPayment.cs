using MiniPg.Domain;
using MiniPg.Domain.Cards;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Caching;
using Npgsql;

namespace MiniPg.Settlement.Runs;

/// <summary>
/// A payment as the settling <c>UPDATE … RETURNING</c> left it: every column its resource shows, so the cache can be
/// refreshed without loading the aggregate. <see cref="Resource"/> maps it as <see cref="PaymentResource.Of"/> maps a
/// loaded <see cref="Payment"/>, and a test holds the two byte for byte.
/// </summary>
internal sealed record SettledPayment(
    PaymentId Id,
    MerchantId MerchantId,
    string OrderId,
    string OrderName,
    Won Amount,
    Won CancelledAmount,
    PaymentStatus Status,
    CardBrand CardBrand,
    string CardLast4,
    string? FailureCode,
    string? FailureMessage,
    int Revision,
    DateTimeOffset RequestedAt,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? SettledAt,
    DateTimeOffset? CancelledAt)
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns =
        "id, merchant_id, order_id, order_name, amount, cancelled_amount, status, card_brand, card_last4, failure_code, failure_message, "
        + "revision, requested_at, approved_at, settled_at, cancelled_at";

    public static SettledPayment Read(NpgsqlDataReader row) => new(
        new PaymentId(row.GetGuid(0)),
        new MerchantId(row.GetGuid(1)),
        row.GetString(2),
        row.GetString(3),
        new Won(row.GetInt64(4)),
        new Won(row.GetInt64(5)),
        WireNames.Parse<PaymentStatus>(row.GetString(6)),
        WireNames.Parse<CardBrand>(row.GetString(7)),
        row.GetString(8),
        row.IsDBNull(9) ? null : row.GetString(9),
        row.IsDBNull(10) ? null : row.GetString(10),
        row.GetInt32(11),
        row.GetFieldValue<DateTimeOffset>(12),
        row.IsDBNull(13) ? null : row.GetFieldValue<DateTimeOffset>(13),
        row.IsDBNull(14) ? null : row.GetFieldValue<DateTimeOffset>(14),
        row.IsDBNull(15) ? null : row.GetFieldValue<DateTimeOffset>(15));

    public PaymentResource Resource() => new(
        Id.Value,
        OrderId,
        OrderName,
        Amount.Value,
        Won.CurrencyCode,
        WireNames.Of(Status),
        CancelledAmount.Value,
        new CardResource(WireNames.Of(CardBrand), CardLast4),
        FailureCode is { } code ? new FailureResource(code, FailureMessage ?? string.Empty) : null,
        RequestedAt,
        ApprovedAt,
        SettledAt,
        CancelledAt);

    public CachedPaymentResource Cached() => new(MerchantId, Id, Revision, PaymentResource.JsonOf(Resource()));
}
