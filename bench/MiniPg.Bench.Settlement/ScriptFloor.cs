using MiniPg.Domain.Calendar;
using Npgsql;

namespace MiniPg.Bench.Settlement;

/// <summary>
/// The settlement floor: a hand-written set-based SQL script that makes the writes the system makes for the seeded
/// date (a run row, one item per approved payment with its fee, every payment SETTLED with its revision advanced, one
/// line per merchant summed from its items), in one transaction, with fees computed in SQL. It is a floor, not the
/// product: no per-merchant transactions, no cache, no checks, and it knows the seed has approvals only and one fee
/// contract per merchant. It runs on its own database seeded identically, so it writes what the system writes.
/// </summary>
internal static class ScriptFloor
{
    /// <summary>A time-ordered (version 7) uuid, as <c>Guid.CreateVersion7</c> makes the system's ids, so both fill the primary keys alike.</summary>
    private const string Uuid7 =
        "encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing "
        + "substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid";

    private static readonly string[] Statements =
    [
        "INSERT INTO settlement_runs (business_date, status, started_at) VALUES ($1, 'RUNNING', now())",
        $"""
        INSERT INTO settlement_items (id, business_date, merchant_id, payment_id, cancellation_id, kind, order_id, amount, supply_fee, vat, net, occurred_at)
        SELECT {Uuid7}, $1, p.merchant_id, p.id, NULL, 'APPROVAL', p.order_id, p.amount, f.supply_fee, f.vat, p.amount - f.supply_fee - f.vat, p.approved_at
        FROM payments p
        JOIN fee_contracts c ON c.merchant_id = p.merchant_id
        CROSS JOIN LATERAL (SELECT p.amount * c.fee_rate / 10000 AS supply_fee) s
        CROSS JOIN LATERAL (SELECT s.supply_fee, s.supply_fee * 10 / 100 AS vat) f
        WHERE p.approved_at < $2
          AND NOT EXISTS (SELECT 1 FROM settlement_items i WHERE i.payment_id = p.id AND i.kind = 'APPROVAL')
        """,
        "UPDATE payments SET status = 'SETTLED', settled_at = now(), revision = revision + 1 WHERE approved_at < $2 AND status = 'APPROVED'",
        $"""
        INSERT INTO settlement_lines (id, business_date, merchant_id, gross_amount, cancelled_amount, fee_amount, fee_vat, net_amount, payment_count, payout_date)
        SELECT {Uuid7}, $1, merchant_id,
               coalesce(sum(amount) FILTER (WHERE kind = 'APPROVAL'), 0), coalesce(-sum(amount) FILTER (WHERE kind = 'CANCELLATION'), 0),
               sum(supply_fee + vat), sum(vat), sum(net), count(*) FILTER (WHERE kind = 'APPROVAL'), $3
        FROM settlement_items WHERE business_date = $1 GROUP BY merchant_id
        """,
        "UPDATE settlement_runs SET status = 'COMPLETED', completed_at = now() WHERE business_date = $1",
    ];

    /// <summary>Runs the script for <see cref="Seeder.BusinessDate"/> and returns the number of payments it settled.</summary>
    public static async Task<long> RunAsync(NpgsqlDataSource copy, CancellationToken cancellationToken)
    {
        await using var connection = await copy.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long settled = 0;
        foreach (var sql in Statements)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
            command.Parameters.Add(new NpgsqlParameter { Value = Seeder.BusinessDate });
            command.Parameters.Add(new NpgsqlParameter { Value = BusinessCalendar.KstEndOf(Seeder.BusinessDate) });
            command.Parameters.Add(new NpgsqlParameter { Value = BusinessCalendar.PayoutDate(Seeder.BusinessDate, Seeder.PayoutDelayBusinessDays) });
            var rows = await command.ExecuteNonQueryAsync(cancellationToken);
            settled = sql.StartsWith("UPDATE payments", StringComparison.Ordinal) ? rows : settled;
        }

        await transaction.CommitAsync(cancellationToken);
        return settled;
    }
}
