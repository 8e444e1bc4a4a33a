using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using MiniPg.Bench.Payments;
using MiniPg.Testing;
using Npgsql;
using StackExchange.Redis;

// Accepted payments/s and POST→APPROVED latency of the whole system (the built AppHost as a child process), against
// floors measured in the same run: a bare endpoint doing one Redis SET NX + one INSERT, and one GET round trip. Also the
// Api's accept path alone (the Processor frozen), idempotent replays, CPU per payment by process, and the latency by stage.
// Usage: dotnet run -c Release --project bench/MiniPg.Bench.Payments -- [--requests N] [--concurrency C] [--latency-sample M]
var requestCount = CommandLineOptions.PositiveNumber(args, "--requests", 5_000);
var concurrency = CommandLineOptions.PositiveNumber(args, "--concurrency", 32);
var latencySample = CommandLineOptions.PositiveNumber(args, "--latency-sample", 300);
const int LatencyRate = 50;
const int WarmUp = 1_000;
var api = new Uri("http://localhost:5080");
var run = Guid.NewGuid().ToString("N")[..8];

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, interrupt) =>
{
    interrupt.Cancel = true;
    stop.Cancel();
};

var appHostPath = AppHostProcess.AssemblyPath();
if (!File.Exists(appHostPath))
{
    await Console.Error.WriteLineAsync($"{appHostPath} is missing: run `dotnet build -c Release MiniPg.AppHost` first (same configuration as the benchmark).");
    return 2;
}

using (var probe = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(2) })
{
    if (await AnswersAsync(probe, stop.Token))
    {
        await Console.Error.WriteLineAsync($"{api} already answers: another MiniPg is running. Stop it first; the benchmark starts its own.");
        return 2;
    }
}

Progress($"starting {appHostPath}");
var appHost = AppHostProcess.Start("bench-payments");
try
{
    return await RunAsync(appHost, stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Progress("interrupted");
    return 130;
}
finally
{
    try
    {
        Progress($"stopping the AppHost (SIGTERM): exit code {await appHost.StopAsync(TimeSpan.FromSeconds(90))}");
    }
    catch (TimeoutException)
    {
        Progress("the AppHost did not stop within 90 s; killing it");
    }

    await appHost.DisposeAsync();
}

async Task<int> RunAsync(AppHostProcess appHost, CancellationToken cancellationToken)
{
    var clock = Stopwatch.StartNew();
    using var http = new HttpClient { BaseAddress = api };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk_test_demo_merchant_1");
    IReadOnlyDictionary<string, string>? connectionStrings = null;
    while (connectionStrings is null || !await AnswersAsync(http, cancellationToken))
    {
        if (appHost.HasExited || clock.Elapsed > TimeSpan.FromMinutes(5))
        {
            await Console.Error.WriteLineAsync($"The system did not come up (exited: {appHost.HasExited}):{Environment.NewLine}{appHost.Output}");
            return 1;
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        connectionStrings ??= appHost.ConnectionStrings();
    }

    Progress($"system healthy after {clock.Elapsed.TotalSeconds:F1} s (data folder {appHost.DataDirectory})");
    // Two connections are enough for the progress queries; the services share PostgreSQL's 100.
    await using var postgres = NpgsqlDataSource.Create($"{connectionStrings["minipg"]};Maximum Pool Size=2");
    var paymentsTarget = new Uri("/api/v1/payments", UriKind.Relative);
    var table = new ResultTable();

    // Floor and system each get the same warm-up (JIT, connection pools), not counted. The floor (its endpoint, Redis
    // connection and PostgreSQL pool) is gone before the system runs.
    LoadResult floorRun;
    await using (var redis = await ConnectionMultiplexer.ConnectAsync(connectionStrings["redis"]))
    await using (var floor = await FloorEndpoint.StartAsync(connectionStrings["minipg"], redis, cancellationToken))
    using (var floorHttp = new HttpClient { BaseAddress = floor.Address })
    {
        var floorTarget = new Uri(FloorEndpoint.Path, UriKind.Relative);
        Progress($"floor warm-up: {WarmUp} requests");
        await LoadLoop.RunAsync(floorHttp, floorTarget, Request("floor-warm"), WarmUp, concurrency, cancellationToken);
        Progress($"floor: {requestCount:N0} requests, {concurrency} workers");
        floorRun = await LoadLoop.RunAsync(floorHttp, floorTarget, Request("floor"), requestCount, concurrency, cancellationToken);
        Progress($"floor: {floorRun.PerSecond:N0}/s, errors: {floorRun.ErrorSummary}");
    }

    Progress($"API warm-up: {WarmUp} requests");
    var warm = await LoadLoop.RunAsync(http, paymentsTarget, Request("warm"), WarmUp, concurrency, cancellationToken);
    Progress($"API warm-up: {warm.Accepted} accepted, errors: {warm.ErrorSummary}");
    table.AddRate("floor: bare endpoint, Redis SET NX EX + one INSERT → 202", floorRun.Accepted, floorRun.Elapsed, "1.00");

    // The Api's accept path alone: the Processor is frozen (SIGSTOP) for as many requests as the floor had, so the cores
    // go to the Api (its outbox relay, which publishes to Kafka, included), PostgreSQL, Redis and Kafka. The payments
    // wait REQUESTED until it goes on (SIGCONT) and drains them, before the whole system's run starts.
    var cpu = ResourceCpu.Locate(appHost);
    LoadResult acceptRun;
    CpuWindow acceptCpu;
    await using (var processor = new ProcessFreezer(cpu.ProcessesOf(ResourceCpu.Processor)))
    {
        Progress($"accept path alone: Processor (pid {string.Join(", ", processor.Pids)}) stopped; {requestCount:N0} POST /api/v1/payments, {concurrency} workers");
        await processor.FreezeAsync(cancellationToken);
        var before = cpu.Read();
        acceptRun = await LoadLoop.RunAsync(http, paymentsTarget, Request("accept"), requestCount, concurrency, cancellationToken);
        acceptCpu = new CpuWindow($"run ({acceptRun.Elapsed.TotalSeconds:F1} s)", before, cpu.Read());
    }

    Progress($"accept path alone: {acceptRun.PerSecond:N0}/s, errors: {acceptRun.ErrorSummary}; Processor continued, draining");
    table.AddRate("system: POST → 202, Processor stopped (accept path alone)", acceptRun.Accepted, acceptRun.Elapsed, Ratio(acceptRun.PerSecond / floorRun.PerSecond));
    var (stuckAfterAccept, acceptDrain) = await DrainAsync(postgres, cancellationToken);
    Progress($"accept path alone: drained {acceptDrain.TotalSeconds:F1} s after the Processor went on; {stuckAfterAccept:N0} still REQUESTED");

    Progress($"system: {requestCount:N0} POST /api/v1/payments, {concurrency} workers");
    var cpuBefore = cpu.Read();
    var systemRun = await LoadLoop.RunAsync(http, paymentsTarget, Request("load"), requestCount, concurrency, cancellationToken);
    var cpuAfterLoad = cpu.Read();
    Progress($"system: {systemRun.PerSecond:N0}/s, errors: {systemRun.ErrorSummary}");
    table.AddRate("system: POST /api/v1/payments → 202 (accepted)", systemRun.Accepted, systemRun.Elapsed, Ratio(systemRun.PerSecond / floorRun.PerSecond));

    var (waiting, lastChange) = await DrainAsync(postgres, cancellationToken);
    var cpuDrained = cpu.Read();
    var pipeline = systemRun.Elapsed + lastChange;
    var approved = await CountAsync(postgres, "SELECT count(*) FROM payments WHERE status = 'APPROVED'", cancellationToken);
    var notApproved = await CountAsync(postgres, "SELECT count(*) FROM payments WHERE status <> 'APPROVED'", cancellationToken);
    Progress($"pipeline settled {lastChange.TotalSeconds:F1} s after the last 202; {approved:N0} APPROVED, {waiting:N0} still REQUESTED, {notApproved - waiting:N0} other");
    var approvedOfRun = await CountAsync(postgres, $"SELECT count(*) FROM payments WHERE status = 'APPROVED' AND order_id LIKE 'bench-{run}-load-%'", cancellationToken);
    table.AddRate("system: first POST → last APPROVED (pipeline drained)", approvedOfRun, pipeline, Ratio(approvedOfRun / pipeline.TotalSeconds / floorRun.PerSecond));

    // Replays: the throughput run's requests again, same keys and bodies, same workers, once its payments are approved.
    // Only the stored 202 marked as a replay counts; an unmarked 202 means the Api took the request as a new one.
    Progress($"replay: the same {requestCount:N0} requests again (same Idempotency-Key and body), {concurrency} workers");
    var replayRun = await LoadLoop.RunAsync(http, paymentsTarget, Request("load"), requestCount, concurrency, Answers.Replayed, cancellationToken);
    Progress($"replay: {replayRun.PerSecond:N0}/s, errors: {replayRun.ErrorSummary}");
    table.AddRate("system: POST replay (same key and body) → stored 202", replayRun.Accepted, replayRun.Elapsed, Ratio(replayRun.PerSecond / systemRun.PerSecond));

    Progress($"latency: {latencySample} payments at {LatencyRate}/s, each polled every 10 ms until APPROVED");
    var sampleClock = Stopwatch.StartNew();
    var (latencies, latencyErrors, approvedPayment) = await LatencySample.RunAsync(http, Request("latency"), latencySample, LatencyRate, cancellationToken);
    var sampleTime = sampleClock.Elapsed;
    if (approvedPayment is not { } onePayment)
    {
        await Console.Error.WriteLineAsync($"No payment of the latency sample was approved: {string.Join("; ", latencyErrors.Take(5))}");
        return 1;
    }

    var getClock = Stopwatch.StartNew();
    var getRoundTrip = LatencySummary.Of(await LatencySample.GetRoundTripsAsync(http, onePayment, latencySample, cancellationToken));
    var getTime = getClock.Elapsed;
    var latency = LatencySummary.Of(latencies);
    table.AddLatency("floor: GET /api/v1/payments/{id} (approved), one at a time", getRoundTrip, getTime, "1.00");
    table.AddLatency($"system: POST → APPROVED seen by GET (sent at {LatencyRate}/s, polled every 10 ms)", latency, sampleTime,
        Ratio(latency.P50 / getRoundTrip.P50));
    var stages = await StageLatency.ReadAsync(postgres, $"bench-{run}-latency-", cancellationToken);

    Console.WriteLine($"MiniPg payments, {TimeProvider.System.GetUtcNow():yyyy-MM-dd} (UTC), {Environment.ProcessorCount} cores; " +
                      $"{requestCount:N0} requests, {concurrency} workers, latency sample {latencySample}.");
    Console.WriteLine();
    table.Write(Console.Out);
    Console.WriteLine();
    Console.WriteLine("× floor: throughput rows = rate ÷ the floor endpoint's rate, except the replay row = replay rate ÷ the first requests' " +
                      "rate (the POST → 202 row), not ÷ the floor; latency rows = p50 ÷ the GET round trip's p50.");
    Console.WriteLine($"Errors: floor {floorRun.ErrorSummary}; accept path alone {acceptRun.ErrorSummary}; system {systemRun.ErrorSummary}; " +
                      $"replay {replayRun.ErrorSummary}; latency sample {(latencyErrors.Count == 0 ? "none" : string.Join("; ", latencyErrors.Take(5)))}.");
    Console.WriteLine($"After the throughput run (warm-up and the accept path's payments included): {approved:N0} payments APPROVED, " +
                      $"{waiting:N0} still REQUESTED a minute after the last change, {notApproved - waiting:N0} in another status.");
    Console.WriteLine();
    Console.WriteLine($"Latency by stage, the latency sample's approved payments ({LatencyRate}/s):");
    Console.WriteLine();
    StageLatency.Write(Console.Out, stages);
    Console.WriteLine();
    Console.WriteLine($"CPU per accepted payment, whole system ({systemRun.Accepted:N0} payments, {Environment.ProcessorCount} cores): " +
                      "during the throughput run, and from its first POST to the pipeline drained:");
    Console.WriteLine();
    CpuTable.Write(Console.Out, systemRun.Accepted,
        new CpuWindow($"run ({systemRun.Elapsed.TotalSeconds:F1} s)", cpuBefore, cpuAfterLoad),
        new CpuWindow($"to drained ({pipeline.TotalSeconds:F1} s)", cpuBefore, cpuDrained));
    Console.WriteLine();
    Console.WriteLine($"CPU per accepted payment, accept path alone ({acceptRun.Accepted:N0} payments, Processor stopped):");
    Console.WriteLine();
    CpuTable.Write(Console.Out, acceptRun.Accepted, acceptCpu);
    var failed = floorRun.Accepted != requestCount || acceptRun.Accepted != requestCount || systemRun.Accepted != requestCount
                 || replayRun.Accepted != requestCount || latencyErrors.Count > 0 || notApproved > 0;
    return failed ? 1 : 0;
}

Func<int, (string Key, string Body)> Request(string phase) => index =>
    ($"bench-{run}-{phase}-{index}", LoadLoop.PaymentBody($"bench-{run}-{phase}-{index}", 1_000 + index));

static string Ratio(double value) => ResultTable.Format(value, "N2");

static async Task<bool> AnswersAsync(HttpClient http, CancellationToken cancellationToken)
{
    try
    {
        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
        return health.StatusCode == HttpStatusCode.OK;
    }
    catch (HttpRequestException)
    {
        return false;
    }
    catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
    {
        return false;
    }
}

// Drained: no payment is still REQUESTED (every accepted one has gone through the relay, Kafka, the Processor and the
// acquirer), or the count has not moved for a minute: those payments are stuck and reported as such. Returns how many
// are still REQUESTED and when the count last changed.
static async Task<(long Waiting, TimeSpan LastChange)> DrainAsync(NpgsqlDataSource postgres, CancellationToken cancellationToken)
{
    var drain = Stopwatch.StartNew();
    var lastChange = TimeSpan.Zero;
    var waiting = await CountAsync(postgres, "SELECT count(*) FROM payments WHERE status = 'REQUESTED'", cancellationToken);
    while (waiting > 0 && drain.Elapsed - lastChange < TimeSpan.FromMinutes(1))
    {
        await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        var now = await CountAsync(postgres, "SELECT count(*) FROM payments WHERE status = 'REQUESTED'", cancellationToken);
        if (now != waiting)
        {
            waiting = now;
            lastChange = drain.Elapsed;
        }
    }

    return (waiting, lastChange);
}

static async Task<long> CountAsync(NpgsqlDataSource postgres, string sql, CancellationToken cancellationToken)
{
    await using var command = postgres.CreateCommand(sql);
    return (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
}

static void Progress(string message) => Console.Error.WriteLine(message);

