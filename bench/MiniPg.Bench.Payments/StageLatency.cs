using Npgsql;

namespace MiniPg.Bench.Payments;

/// <summary>
/// Where a payment's time from request to approval goes, from the database's own timestamps: <c>payments.requested_at</c>
/// (set when the Api takes the request) → the <c>payment.requested</c> outbox row's <c>published_at</c> (set when Kafka
/// acknowledged it) → <c>payments.approved_at</c> (the acquirer's approval time). The Processor's own commit after the
/// approval, and the client's polling, are in neither stage.
/// </summary>
internal static class StageLatency
{
    // payment.requested is Topics.PaymentRequested in MiniPg.Domain; the outbox row's key is the payment id.
    private const string Sql = """
        SELECT (extract(epoch FROM o.published_at - p.requested_at) * 1000)::float8,
               (extract(epoch FROM p.approved_at - o.published_at) * 1000)::float8,
               (extract(epoch FROM p.approved_at - p.requested_at) * 1000)::float8
        FROM payments p
        JOIN outbox o ON o.message_key = p.id::text AND o.topic = 'payment.requested'
        WHERE p.order_id LIKE $1 AND p.approved_at IS NOT NULL AND o.published_at IS NOT NULL
        """;

    /// <summary>The stages of the approved payments whose order id starts with <paramref name="orderIdPrefix"/>.</summary>
    public static async Task<IReadOnlyList<(string Stage, LatencySummary Latency)>> ReadAsync(
        NpgsqlDataSource postgres, string orderIdPrefix, CancellationToken cancellationToken)
    {
        var relayed = new List<TimeSpan>();
        var approved = new List<TimeSpan>();
        var total = new List<TimeSpan>();
        await using var command = postgres.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = $"{orderIdPrefix}%" });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            relayed.Add(TimeSpan.FromMilliseconds(reader.GetDouble(0)));
            approved.Add(TimeSpan.FromMilliseconds(reader.GetDouble(1)));
            total.Add(TimeSpan.FromMilliseconds(reader.GetDouble(2)));
        }

        return
        [
            ("accept + relay: requested_at → outbox published_at", LatencySummary.Of(relayed)),
            ("to the acquirer's approval: published_at → approved_at", LatencySummary.Of(approved)),
            ("requested → approved: requested_at → approved_at", LatencySummary.Of(total)),
        ];
    }

    public static void Write(TextWriter output, IReadOnlyList<(string Stage, LatencySummary Latency)> stages)
    {
        output.WriteLine("| stage (database timestamps) | count | p50 ms | p95 ms | p99 ms | max ms |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (stage, latency) in stages)
        {
            output.WriteLine($"| {stage} | {ResultTable.Format(latency.Count, "N0")} | {ResultTable.Format(latency.P50, "F1")} | " +
                             $"{ResultTable.Format(latency.P95, "F1")} | {ResultTable.Format(latency.P99, "F1")} | {ResultTable.Format(latency.Max, "F1")} |");
        }
    }
}
