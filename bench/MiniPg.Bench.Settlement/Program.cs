using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using MiniPg;
using MiniPg.Bench.Settlement;
using MiniPg.Domain.Calendar;
using MiniPg.Domain.Fees;
using MiniPg.Domain.Money;
using MiniPg.Domain.Settlement;
using MiniPg.Infrastructure.Caching;
using MiniPg.Infrastructure.Persistence;
using MiniPg.Settlement.Runs;
using MiniPg.Testing;
using Npgsql;
using StackExchange.Redis;

// Settlement of one business date against two floors measured in the same run: a plain GROUP BY over the same rows, and
// a hand-written set-based SQL script making the same writes on its own, identically seeded database (ScriptFloor).
// Usage: dotnet run -c Release --project bench/MiniPg.Bench.Settlement -- [--payments N] [--merchants M] [--seed S]
var paymentCount = CommandLineOptions.PositiveNumber(args, "--payments", 1_000_000);
var merchantCount = CommandLineOptions.PositiveNumber(args, "--merchants", 1_000);
var seed = CommandLineOptions.PositiveNumber(args, "--seed", 20260310);

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, interrupt) =>
{
    interrupt.Cancel = true;
    stop.Cancel();
};

return await RunAsync(stop.Token);

async Task<int> RunAsync(CancellationToken cancellationToken)
{
    // The AppHost's own PostgreSQL and Redis, and nothing else of its model. Disposing stops them and deletes their data
    // folder, whether the benchmark finished, failed or was interrupted.
    await using var infrastructure = await AppHostInfrastructure.StartAsync(
        "bench", [ResourceNames.Postgres, ResourceNames.Database, ResourceNames.Redis], ["--Logging:LogLevel:Default=Warning"], cancellationToken);
    var database = infrastructure.ConnectionStrings[ResourceNames.Database];
    var redisConnection = infrastructure.ConnectionStrings[ResourceNames.Redis];
    await using var postgres = NpgsqlDataSource.Create(database);
    var scriptDatabase = new NpgsqlConnectionStringBuilder(database) { Database = $"{ResourceNames.Database}_script_floor" }.ConnectionString;
    await ExecuteAsync(postgres, $"CREATE DATABASE {ResourceNames.Database}_script_floor", cancellationToken);
    foreach (var connectionString in new[] { database, scriptDatabase })
    {
        await using var db = CreateDbContext(connectionString);
        await DatabaseSetup.MigrateAsync(db, seedDemoMerchants: false, TimeProvider.System, cancellationToken);
    }

    await using var scriptCopy = NpgsqlDataSource.Create(scriptDatabase);
    await using var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection);
    var table = new ResultTable();
    var clock = Stopwatch.StartNew();

    var seeder = new Seeder(postgres, seed);
    var merchantIds = await seeder.SeedMerchantsAsync(merchantCount, cancellationToken);
    table.Add("seed merchants + fee contracts (binary COPY)", 2L * merchantCount, clock.Elapsed);
    clock.Restart();
    var copied = await seeder.SeedPaymentsAsync(merchantIds, paymentCount, cancellationToken);
    table.Add("seed payments (binary COPY)", (long)copied, clock.Elapsed);
    clock.Restart();
    await ExecuteAsync(postgres, "VACUUM ANALYZE payments", cancellationToken);
    table.Add("VACUUM ANALYZE payments", (long)copied, clock.Elapsed);

    // The script floor's own copy: the same seed gives the same merchants, ids and amounts in the same order.
    clock.Restart();
    var scriptSeeder = new Seeder(scriptCopy, seed);
    var copiedForScript = await scriptSeeder.SeedPaymentsAsync(await scriptSeeder.SeedMerchantsAsync(merchantCount, cancellationToken), paymentCount, cancellationToken);
    await ExecuteAsync(scriptCopy, "VACUUM ANALYZE payments", cancellationToken);
    table.Add("seed + VACUUM ANALYZE the script floor's copy", (long)copiedForScript, clock.Elapsed);

    var floorTimes = new List<TimeSpan>();
    IReadOnlyDictionary<Guid, FloorRow> floor = new Dictionary<Guid, FloorRow>();
    for (var attempt = 0; attempt < 3; attempt++)
    {
        clock.Restart();
        floor = await GroupByAsync(postgres, cancellationToken);
        floorTimes.Add(clock.Elapsed);
    }

    var floorTime = floorTimes.Order().ElementAt(1);
    table.Add("floor: SQL GROUP BY merchant_id (median of 3)", (long)copied, floorTime);

    // Both write steps make the same writes and leave the same dead rows behind; autovacuum is off while they run, so
    // neither is charged for cleaning up after the other (or after itself) depending on when the daemon wakes. Each
    // starts from a checkpoint, so neither pays for the other's dirty pages either.
    await ExecuteAsync(postgres, "ALTER SYSTEM SET autovacuum = off", cancellationToken);
    await ExecuteAsync(postgres, "SELECT pg_reload_conf()", cancellationToken);
    var cpu = await CpuMeter.LocateAsync(postgres, redisConnection, cancellationToken);
    await ExecuteAsync(postgres, "CHECKPOINT", cancellationToken);
    var cpuBefore = cpu.Read();
    clock.Restart();
    var scriptSettled = await ScriptFloor.RunAsync(scriptCopy, cancellationToken);
    var scriptTime = clock.Elapsed;
    var scriptCpu = cpu.Read() - cpuBefore;
    table.Add("floor: set-based SQL script, same writes, own copy", scriptSettled, scriptTime);
    await ExecuteAsync(postgres, "CHECKPOINT", cancellationToken);

    var cache = new PaymentResourceCache(redis, NullLogger<PaymentResourceCache>.Instance);
    cpuBefore = cpu.Read();
    clock.Restart();
    var progress = new StderrProgress(clock, every: 100);
    SettlementRunSummary first;
    await using (var db = CreateDbContext(database))
    {
        first = await new SettlementRunner(db, cache, TimeProvider.System, NullLogger<SettlementRunner>.Instance)
            .RunAsync(Seeder.BusinessDate, progress, cancellationToken);
    }

    var runTime = clock.Elapsed;
    var cpuUsed = cpu.Read() - cpuBefore;
    await ExecuteAsync(postgres, "ALTER SYSTEM RESET autovacuum", cancellationToken);
    await ExecuteAsync(postgres, "SELECT pg_reload_conf()", cancellationToken);
    table.Add("SettlementRunner.RunAsync", first.Totals.PaymentCount, runTime);
    var itemsAfterFirst = await CountAsync(postgres, "SELECT count(*) FROM settlement_items", cancellationToken);

    clock.Restart();
    SettlementRunSummary second;
    await using (var db = CreateDbContext(database))
    {
        second = await new SettlementRunner(db, cache, TimeProvider.System, NullLogger<SettlementRunner>.Instance)
            .RunAsync(Seeder.BusinessDate, progress: null, cancellationToken);
    }

    table.Add("RunAsync again (completed date: no-op)", 0, clock.Elapsed);

    var checks = await VerifyAsync(postgres, floor, first, second, itemsAfterFirst, cancellationToken);
    var scriptLines = await LinesAsync(scriptCopy, cancellationToken);
    checks.Add(($"the script floor settled {scriptSettled:N0} payments into lines equal to the system's, merchant by merchant",
        scriptSettled == paymentCount && scriptLines.SequenceEqual(first.Lines.Select(line =>
            (line.MerchantId, line.GrossAmount, line.FeeAmount, line.FeeVat, line.NetAmount, line.PaymentCount, line.PayoutDate)))));
    foreach (var (name, passed) in checks)
    {
        await Console.Error.WriteLineAsync($"{(passed ? "ok  " : "FAIL")} {name}");
    }

    Console.WriteLine($"Settlement of {paymentCount:N0} payments, {merchantCount:N0} merchants, business date {Seeder.BusinessDate:yyyy-MM-dd}, {Environment.ProcessorCount} cores.");
    Console.WriteLine();
    table.Write(Console.Out, floorTime, scriptTime);
    Console.WriteLine();
    Console.WriteLine($"Floor runs: {string.Join(", ", floorTimes.Select(time => time.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture)))} s.");
    Console.WriteLine($"Settlement run: candidates loaded, first merchant done after {progress.FirstReport.TotalSeconds:F1} s; " +
                      $"then {(runTime - progress.FirstReport).TotalSeconds / Math.Max(1, first.Lines.Count - 1) * 1000:F0} ms per merchant.");
    Console.WriteLine($"CPU during the SQL script floor ({scriptTime.TotalSeconds:F1} s wall): PostgreSQL {scriptCpu.Postgres.TotalSeconds:F1} s, benchmark process {scriptCpu.Bench.TotalSeconds:F1} s.");
    Console.WriteLine($"CPU during the settlement run ({runTime.TotalSeconds:F1} s wall): benchmark process (EF Core, Redis client) {cpuUsed.Bench.TotalSeconds:F1} s, " +
                      $"PostgreSQL {cpuUsed.Postgres.TotalSeconds:F1} s, Redis {cpuUsed.Redis.TotalSeconds:F1} s.");
    var failed = checks.Count(check => !check.Passed);
    Console.WriteLine(failed == 0 ? $"Verification: all {checks.Count} checks passed." : $"Verification: {failed} of {checks.Count} checks FAILED (see stderr).");
    return failed == 0 ? 0 : 1;
}

async Task<List<(string Name, bool Passed)>> VerifyAsync(
    NpgsqlDataSource postgres,
    IReadOnlyDictionary<Guid, FloorRow> floor,
    SettlementRunSummary first,
    SettlementRunSummary second,
    long itemsAfterFirst,
    CancellationToken cancellationToken)
{
    // The fee is computed per payment with the system's one rounding rule, independently of the run.
    var rate = BasisPoints.Of(Seeder.FeeRateBasisPoints);
    long count = 0, supplyFee = 0, vat = 0, fee = 0;
    await using (var command = DayCommand(postgres, "SELECT amount FROM payments WHERE approved_at >= $1 AND approved_at < $2"))
    await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
    {
        while (await reader.ReadAsync(cancellationToken))
        {
            var fees = SettlementFees.For(new Won(reader.GetInt64(0)), rate);
            count++;
            supplyFee += fees.SupplyFee.Value;
            vat += fees.Vat.Value;
            fee += fees.Fee.Value;
        }
    }

    var totals = first.Totals;
    var floorGross = floor.Values.Sum(row => row.Gross);
    var linesMatchFloor = first.Lines.Count == floor.Count && first.Lines.All(line =>
        floor.TryGetValue(line.MerchantId, out var row) && row.Count == line.PaymentCount && row.Gross == line.GrossAmount);
    return
    [
        ("the run completed", first.Status == "COMPLETED"),
        ($"payment count {totals.PaymentCount:N0} = GROUP BY count {floor.Values.Sum(row => row.Count):N0} = seeded {paymentCount:N0}",
            totals.PaymentCount == floor.Values.Sum(row => row.Count) && totals.PaymentCount == paymentCount && count == paymentCount),
        ($"gross {totals.GrossAmount:N0} = GROUP BY Σamount {floorGross:N0}", totals.GrossAmount == floorGross),
        ($"fee {totals.FeeAmount:N0} = Σ SettlementFees.For per payment {fee:N0}", totals.FeeAmount == fee),
        ($"fee VAT {totals.FeeVat:N0} = Σ per payment {vat:N0}", totals.FeeVat == vat),
        ($"GROUP BY Σ(amount×230/10000) {floor.Values.Sum(row => row.SupplyFee):N0} = Σ supply fee per payment {supplyFee:N0}",
            floor.Values.Sum(row => row.SupplyFee) == supplyFee),
        ("net = gross − fee", totals.NetAmount == totals.GrossAmount - totals.FeeAmount),
        ($"each of the {first.Lines.Count:N0} lines has its merchant's GROUP BY count and gross", linesMatchFloor),
        ("every payment is SETTLED", await CountAsync(postgres, "SELECT count(*) FROM payments WHERE status = 'SETTLED'", cancellationToken) == paymentCount),
        ("second run: completed, same totals", second.Status == "COMPLETED" && second.Totals == first.Totals),
        ("second run: no new items, no payment touched twice (revision 2 everywhere)",
            await CountAsync(postgres, "SELECT count(*) FROM settlement_items", cancellationToken) == itemsAfterFirst
            && await CountAsync(postgres, "SELECT count(*) FROM payments WHERE revision <> 2", cancellationToken) == 0),
    ];
}

static async Task<IReadOnlyDictionary<Guid, FloorRow>> GroupByAsync(NpgsqlDataSource postgres, CancellationToken cancellationToken)
{
    var rows = new Dictionary<Guid, FloorRow>();
    await using var command = DayCommand(postgres,
        """
        SELECT merchant_id, count(*), sum(amount), sum(amount*230/10000)
        FROM payments WHERE approved_at >= $1 AND approved_at < $2 GROUP BY merchant_id
        """);
    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
    while (await reader.ReadAsync(cancellationToken))
    {
        rows[reader.GetGuid(0)] = new FloorRow(reader.GetInt64(1), (long)reader.GetDecimal(2), (long)reader.GetDecimal(3));
    }

    return rows;
}

static async Task<List<(Guid, long, long, long, long, int, DateOnly)>> LinesAsync(NpgsqlDataSource postgres, CancellationToken cancellationToken)
{
    var lines = new List<(Guid, long, long, long, long, int, DateOnly)>();
    await using var command = postgres.CreateCommand(
        "SELECT merchant_id, gross_amount, fee_amount, fee_vat, net_amount, payment_count, payout_date FROM settlement_lines ORDER BY merchant_id");
    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
    while (await reader.ReadAsync(cancellationToken))
    {
        lines.Add((reader.GetGuid(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt32(5), reader.GetFieldValue<DateOnly>(6)));
    }

    return lines;
}

static NpgsqlCommand DayCommand(NpgsqlDataSource postgres, string sql)
{
    var command = postgres.CreateCommand(sql);
    command.Parameters.Add(new NpgsqlParameter { Value = BusinessCalendar.KstStartOf(Seeder.BusinessDate) });
    command.Parameters.Add(new NpgsqlParameter { Value = BusinessCalendar.KstEndOf(Seeder.BusinessDate) });
    return command;
}

static async Task<long> CountAsync(NpgsqlDataSource postgres, string sql, CancellationToken cancellationToken)
{
    await using var command = postgres.CreateCommand(sql);
    return (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
}

static async Task ExecuteAsync(NpgsqlDataSource postgres, string sql, CancellationToken cancellationToken)
{
    await using var command = postgres.CreateCommand(sql);
    command.CommandTimeout = 0;
    await command.ExecuteNonQueryAsync(cancellationToken);
}

static MiniPgDbContext CreateDbContext(string connectionString)
{
    var options = new DbContextOptionsBuilder<MiniPgDbContext>();
    options.UseMiniPgNpgsql(connectionString);
    return new MiniPgDbContext(options.Options);
}

internal sealed record FloorRow(long Count, long Gross, long SupplyFee);

/// <summary>Writes every <c>every</c>-th merchant (and the last) to stderr, and remembers when the first one finished.</summary>
internal sealed class StderrProgress(Stopwatch clock, int every) : IProgress<SettlementProgress>
{
    public TimeSpan FirstReport { get; private set; }

    public void Report(SettlementProgress value)
    {
        if (value.MerchantsDone == 1)
        {
            FirstReport = clock.Elapsed;
        }

        if (value.MerchantsDone % every == 0 || value.MerchantsDone == value.MerchantsTotal)
        {
            Console.Error.WriteLine(
                $"settled {value.MerchantsDone}/{value.MerchantsTotal} merchants, {clock.Elapsed.TotalSeconds:F1} s");
        }
    }
}
