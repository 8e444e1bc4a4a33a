using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using MiniPg.Bench.Payments;
using MiniPg.Testing;
using Npgsql;
using StackExchange.Redis;

// Accepted payments/s and POST→APPROVED latency of the whole system (the built AppHost as a child process), against
// floors measured in the same run: a bare endpoint doing one Redis SET NX + one INSERT, and one GET round trip.
// Usage: dotnet run -c Release --project bench/MiniPg.Bench.Payments -- [--requests N] [--concurrency C] [--latency-sample M]
var requestCount = CommandLineOptions.PositiveNumber(args, "--requests", 5_000);
var concurrency = CommandLineOptions.PositiveNumber(args, "--concurrency", 32);
var latencySample = CommandLineOptions.PositiveNumber(args, "--latency-sample", 300);
const int LatencyRate = 50;
const int WarmUp = 200;
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

    Progress($"system: {requestCount:N0} POST /api/v1/payments, {concurrency} workers");
    var cpu = ResourceCpu.Locate(appHost);
    var cpuBefore = cpu.Read();
    var systemRun = await LoadLoop.RunAsync(http, paymentsTarget, Request("load"), requestCount, concurrency, cancellationToken);
    var cpuDuringLoad = ResourceCpu.Describe(cpuBefore, cpu.Read());
    Progress($"system: {systemRun.PerSecond:N0}/s, errors: {systemRun.ErrorSummary}");
    table.AddRate("system: POST /api/v1/payments → 202 (accepted)", systemRun.Accepted, systemRun.Elapsed, Ratio(systemRun.PerSecond / floorRun.PerSecond));

    // Drained: no payment is still REQUESTED (every accepted one has gone through the relay, Kafka, the Processor and
    // the acquirer), or the count has not moved for a minute: those payments are stuck and reported as such.
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

    var pipeline = systemRun.Elapsed + lastChange;
    var approved = await CountAsync(postgres, "SELECT count(*) FROM payments WHERE status = 'APPROVED'", cancellationToken);
    var notApproved = await CountAsync(postgres, "SELECT count(*) FROM payments WHERE status <> 'APPROVED'", cancellationToken);
    Progress($"pipeline settled {lastChange.TotalSeconds:F1} s after the last 202; {approved:N0} APPROVED, {waiting:N0} still REQUESTED, {notApproved - waiting:N0} other");
    var approvedOfRun = await CountAsync(postgres, $"SELECT count(*) FROM payments WHERE status = 'APPROVED' AND order_id LIKE 'bench-{run}-load-%'", cancellationToken);
    table.AddRate("system: first POST → last APPROVED (pipeline drained)", approvedOfRun, pipeline, Ratio(approvedOfRun / pipeline.TotalSeconds / floorRun.PerSecond));

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

    Console.WriteLine($"MiniPg payments, {TimeProvider.System.GetUtcNow():yyyy-MM-dd} (UTC), {Environment.ProcessorCount} cores; " +
                      $"{requestCount:N0} requests, {concurrency} workers, latency sample {latencySample}.");
    Console.WriteLine();
    table.Write(Console.Out);
    Console.WriteLine();
    Console.WriteLine("× floor: throughput rows = rate ÷ the floor endpoint's rate; latency rows = p50 ÷ the GET round trip's p50.");
    Console.WriteLine($"Errors: floor {floorRun.ErrorSummary}; system {systemRun.ErrorSummary}; latency sample {(latencyErrors.Count == 0 ? "none" : string.Join("; ", latencyErrors.Take(5)))}.");
    Console.WriteLine($"CPU during the system's throughput run ({systemRun.Elapsed.TotalSeconds:F1} s wall, {Environment.ProcessorCount} cores): {cpuDuringLoad}.");
    Console.WriteLine($"After the throughput run (warm-up included): {approved:N0} payments APPROVED, {waiting:N0} still REQUESTED a minute after the last change, {notApproved - waiting:N0} in another status.");
    var failed = floorRun.Accepted != requestCount || systemRun.Accepted != requestCount || latencyErrors.Count > 0 || notApproved > 0;
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

static async Task<long> CountAsync(NpgsqlDataSource postgres, string sql, CancellationToken cancellationToken)
{
    await using var command = postgres.CreateCommand(sql);
    return (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
}

static void Progress(string message) => Console.Error.WriteLine(message);

