using System.Globalization;
using MiniPg.Domain.Calendar;
using Npgsql;
using NpgsqlTypes;

namespace MiniPg.Bench.Settlement;

/// <summary>
/// Writes the benchmark's rows straight into the schema the migrations created, with binary COPY: merchants, one
/// 230 bp T+2 contract each, and payments all APPROVED on <see cref="BusinessDate"/>, spread evenly across the KST day.
/// The same seed gives the same merchants and amounts.
/// </summary>
internal sealed class Seeder(NpgsqlDataSource dataSource, int seed)
{
    public const int FeeRateBasisPoints = 230;

    public const int PayoutDelayBusinessDays = 2;

    public const long MinAmount = 1_000;

    public const long MaxAmount = 1_000_000;

    public static readonly DateOnly BusinessDate = new(2026, 3, 10);

    private static readonly DateOnly ContractEffectiveFrom = new(2026, 1, 1);

    private readonly Random _random = new(seed);

    public async Task<IReadOnlyList<Guid>> SeedMerchantsAsync(int count, CancellationToken cancellationToken)
    {
        var ids = Enumerable.Range(0, count).Select(_ => NextGuid()).ToList();
        var createdAt = BusinessCalendar.KstStartOf(ContractEffectiveFrom);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var merchants = await connection.BeginBinaryImportAsync(
            "COPY merchants (id, name, api_key_hash, created_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var i = 0; i < ids.Count; i++)
            {
                await merchants.StartRowAsync(cancellationToken);
                await merchants.WriteAsync(ids[i], NpgsqlDbType.Uuid, cancellationToken);
                await merchants.WriteAsync($"Bench merchant {i}", NpgsqlDbType.Varchar, cancellationToken);
                await merchants.WriteAsync(i.ToString("x64", CultureInfo.InvariantCulture), NpgsqlDbType.Varchar, cancellationToken);
                await merchants.WriteAsync(createdAt, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await merchants.CompleteAsync(cancellationToken);
        }

        await using (var contracts = await connection.BeginBinaryImportAsync(
            "COPY fee_contracts (id, merchant_id, effective_from, fee_rate, payout_delay_business_days) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var merchantId in ids)
            {
                await contracts.StartRowAsync(cancellationToken);
                await contracts.WriteAsync(NextGuid(), NpgsqlDbType.Uuid, cancellationToken);
                await contracts.WriteAsync(merchantId, NpgsqlDbType.Uuid, cancellationToken);
                await contracts.WriteAsync(ContractEffectiveFrom, NpgsqlDbType.Date, cancellationToken);
                await contracts.WriteAsync(FeeRateBasisPoints, NpgsqlDbType.Integer, cancellationToken);
                await contracts.WriteAsync(PayoutDelayBusinessDays, NpgsqlDbType.Integer, cancellationToken);
            }

            await contracts.CompleteAsync(cancellationToken);
        }

        return ids;
    }

    /// <summary>
    /// Every NOT NULL column of <c>payments</c> gets a value; ids are UUIDv7 of the approval instant, as
    /// <c>PaymentId.New</c> makes them. Returns the number of rows PostgreSQL reports written.
    /// </summary>
    public async Task<ulong> SeedPaymentsAsync(IReadOnlyList<Guid> merchantIds, int count, CancellationToken cancellationToken)
    {
        var dayStart = BusinessCalendar.KstStartOf(BusinessDate);
        var spread = BusinessCalendar.KstEndOf(BusinessDate) - dayStart - TimeSpan.FromSeconds(2);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var payments = await connection.BeginBinaryImportAsync(
            """
            COPY payments (id, merchant_id, order_id, order_name, amount, cancelled_amount, status, acquirer_transaction_id,
                           revision, requested_at, approved_at, card_bin, card_brand, card_last4, card_token)
            FROM STDIN (FORMAT BINARY)
            """,
            cancellationToken);
        for (var i = 0; i < count; i++)
        {
            var approvedAt = dayStart + TimeSpan.FromSeconds(1) + TimeSpan.FromTicks(spread.Ticks * i / count);
            await payments.StartRowAsync(cancellationToken);
            await payments.WriteAsync(Guid.CreateVersion7(approvedAt), NpgsqlDbType.Uuid, cancellationToken);
            await payments.WriteAsync(merchantIds[_random.Next(merchantIds.Count)], NpgsqlDbType.Uuid, cancellationToken);
            await payments.WriteAsync($"order-{i}", NpgsqlDbType.Varchar, cancellationToken);
            await payments.WriteAsync("Bench item", NpgsqlDbType.Varchar, cancellationToken);
            await payments.WriteAsync(_random.NextInt64(MinAmount, MaxAmount + 1), NpgsqlDbType.Bigint, cancellationToken);
            await payments.WriteAsync(0L, NpgsqlDbType.Bigint, cancellationToken);
            await payments.WriteAsync("APPROVED", NpgsqlDbType.Varchar, cancellationToken);
            await payments.WriteAsync($"acq-{i}", NpgsqlDbType.Varchar, cancellationToken);
            await payments.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
            await payments.WriteAsync(approvedAt - TimeSpan.FromMilliseconds(200), NpgsqlDbType.TimestampTz, cancellationToken);
            await payments.WriteAsync(approvedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await payments.WriteAsync("424242", NpgsqlDbType.Varchar, cancellationToken);
            await payments.WriteAsync("VISA", NpgsqlDbType.Varchar, cancellationToken);
            await payments.WriteAsync("4242", NpgsqlDbType.Varchar, cancellationToken);
            await payments.WriteAsync($"tok_{i:x8}", NpgsqlDbType.Varchar, cancellationToken);
        }

        return await payments.CompleteAsync(cancellationToken);
    }

    private Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
