using MiniPg.Domain;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Settlement;
using MiniPg.Infrastructure.Caching;
using Npgsql;
using NpgsqlTypes;

namespace MiniPg.Settlement.Runs;

/// <summary>
/// The two bulk writes of one merchant-day, made inside the merchant's transaction on the <c>DbContext</c>'s own
/// connection: its items by binary COPY, its payments SETTLED by one <c>UPDATE</c>. Set-based instead of row by row
/// through the change tracker (docs/decisions/0032-set-based-settlement.md); the fees and the line are still computed
/// in C#, by <c>SettlementFees.For</c> and <see cref="SettlementLine"/>.
/// </summary>
internal static class MerchantSettlementWrites
{
    private static readonly string Settled = WireNames.Of(PaymentStatus.Settled);

    private static readonly string Approved = WireNames.Of(PaymentStatus.Approved);

    public static async Task CopyItemsAsync(NpgsqlConnection connection, IEnumerable<SettlementItem> items, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            """
            COPY settlement_items (id, business_date, merchant_id, payment_id, cancellation_id, kind, order_id, amount, supply_fee, vat, net, occurred_at)
            FROM STDIN (FORMAT BINARY)
            """,
            cancellationToken);
        foreach (var item in items)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(item.Id, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(item.BusinessDate, NpgsqlDbType.Date, cancellationToken);
            await copy.WriteAsync(item.MerchantId.Value, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(item.PaymentId.Value, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(item.CancellationId, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(WireNames.Of(item.Kind), NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(item.OrderId, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(item.Amount.Value, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(item.SupplyFee.Value, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(item.Vat.Value, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(item.Net.Value, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(item.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// What <see cref="Payment.Settle"/> does, for every payment of <paramref name="paymentIds"/> that is still APPROVED:
    /// status SETTLED, <c>settled_at</c>, revision + 1. The status test is re-checked on the row once any concurrent
    /// writer (a cancel) has committed, so a payment cancelled meanwhile stays CANCELLED. Returns the payments it
    /// settled, each with its new revision.
    /// </summary>
    public static async Task<List<PaymentRevision>> SettleApprovedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid[] paymentIds, DateTimeOffset settledAt, CancellationToken cancellationToken)
    {
        await using var update = new NpgsqlCommand(
            "UPDATE payments SET status = $1, settled_at = $2, revision = revision + 1 WHERE id = ANY($3) AND status = $4 RETURNING id, revision",
            connection,
            transaction);
        update.Parameters.Add(new NpgsqlParameter { Value = Settled });
        update.Parameters.Add(new NpgsqlParameter { Value = settledAt });
        update.Parameters.Add(new NpgsqlParameter { Value = paymentIds });
        update.Parameters.Add(new NpgsqlParameter { Value = Approved });
        var settled = new List<PaymentRevision>(paymentIds.Length);
        await using var reader = await update.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            settled.Add(new PaymentRevision(new PaymentId(reader.GetGuid(0)), reader.GetInt32(1)));
        }

        return settled;
    }
}
