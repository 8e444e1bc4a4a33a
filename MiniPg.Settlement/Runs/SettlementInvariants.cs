using Microsoft.EntityFrameworkCore;
using MiniPg.Domain;
using MiniPg.Domain.Settlement;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Settlement.Runs;

/// <summary>
/// The checks a run must pass before it completes (docs/decisions/0014-settlement-runs.md), made by PostgreSQL over
/// the date's rows with GROUP BY and joins, so a date of a million items is checked without loading them. The sums
/// restate <see cref="SettlementLine"/>'s on purpose: an independent check of what the run wrote.
/// </summary>
internal static class SettlementInvariants
{
    /// <summary>One sentence per broken invariant; none when the date adds up.</summary>
    public static Task<List<string>> ViolationsAsync(MiniPgDbContext db, DateOnly businessDate, CancellationToken cancellationToken)
    {
        var approval = WireNames.Of(SettlementItemKind.Approval);
        var cancellation = WireNames.Of(SettlementItemKind.Cancellation);
        return db.Database.SqlQuery<string>(
            $"""
            WITH items AS (
                SELECT merchant_id,
                       coalesce(sum(amount) FILTER (WHERE kind = {approval}), 0) AS gross_amount,
                       coalesce(-sum(amount) FILTER (WHERE kind = {cancellation}), 0) AS cancelled_amount,
                       sum(supply_fee) + sum(vat) AS fee_amount,
                       sum(vat) AS fee_vat,
                       sum(net) AS net_amount,
                       count(*) FILTER (WHERE kind = {approval}) AS payment_count
                FROM settlement_items WHERE business_date = {businessDate} GROUP BY merchant_id),
            lines AS (SELECT * FROM settlement_lines WHERE business_date = {businessDate})
            SELECT CASE
                       WHEN lines.merchant_id IS NULL THEN format('merchant %s has items but no line', items.merchant_id)
                       WHEN items.merchant_id IS NULL THEN format('merchant %s has a line but no items', lines.merchant_id)
                       ELSE format('merchant %s: the line is not the sum of its items', lines.merchant_id)
                   END AS "Value"
            FROM items FULL JOIN lines ON lines.merchant_id = items.merchant_id
            WHERE lines.merchant_id IS NULL OR items.merchant_id IS NULL
               OR (lines.gross_amount, lines.cancelled_amount, lines.fee_amount, lines.fee_vat, lines.net_amount, lines.payment_count)
                  IS DISTINCT FROM (items.gross_amount, items.cancelled_amount, items.fee_amount, items.fee_vat, items.net_amount, items.payment_count)
            UNION ALL
            SELECT format('merchant %s: total %s ≠ fee %s + net %s', merchant_id, gross_amount - cancelled_amount, fee_amount, net_amount)
            FROM lines WHERE gross_amount - cancelled_amount <> fee_amount + net_amount
            UNION ALL
            SELECT format('payment %s is settled twice', payment_id)
            FROM settlement_items WHERE kind = {approval} GROUP BY payment_id HAVING count(*) > 1
            """).ToListAsync(cancellationToken);
    }
}
