using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace MiniPg.Bench.Payments;

/// <summary>
/// POST→APPROVED: payments sent at a steady rate, each polled with <c>GET /api/v1/payments/{id}</c> every 10 ms from
/// its 202 on, until it reads APPROVED. A payment's latency runs from just before its POST was sent to the GET that
/// first saw APPROVED; so it includes up to one polling interval and one GET round trip.
/// </summary>
internal static class LatencySample
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<(List<TimeSpan> Latencies, List<string> Errors, Guid? Approved)> RunAsync(
        HttpClient api, Func<int, (string Key, string Body)> request, int count, int perSecond, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<TimeSpan>();
        var errors = new ConcurrentBag<string>();
        var approved = new ConcurrentBag<Guid>();
        var start = Stopwatch.GetTimestamp();
        var payments = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, cancellationToken);
            }

            var (key, body) = request(i);
            payments.Add(OneAsync(api, key, body, latencies, errors, approved, cancellationToken));
        }

        await Task.WhenAll(payments);
        return ([.. latencies], [.. errors], approved.IsEmpty ? null : approved.First());
    }

    /// <summary>Round trips of <c>GET /api/v1/payments/{id}</c> on one already-approved payment, one after another.</summary>
    public static async Task<List<TimeSpan>> GetRoundTripsAsync(HttpClient api, Guid payment, int count, CancellationToken cancellationToken)
    {
        var roundTrips = new List<TimeSpan>(count);
        for (var i = 0; i < count; i++)
        {
            var sent = Stopwatch.GetTimestamp();
            using var response = await api.GetAsync(Resource(payment), cancellationToken);
            var status = await StatusAsync(response, cancellationToken);
            roundTrips.Add(Stopwatch.GetElapsedTime(sent));
            if (status != "APPROVED")
            {
                throw new InvalidOperationException($"GET {payment} answered {(int)response.StatusCode} {status}.");
            }
        }

        return roundTrips;
    }

    private static async Task OneAsync(
        HttpClient api,
        string key,
        string body,
        ConcurrentBag<TimeSpan> latencies,
        ConcurrentBag<string> errors,
        ConcurrentBag<Guid> approved,
        CancellationToken cancellationToken)
    {
        var sent = Stopwatch.GetTimestamp();
        Guid id;
        using (var message = LoadLoop.PaymentMessage(new Uri("/api/v1/payments", UriKind.Relative), key, body))
        using (var created = await api.SendAsync(message, cancellationToken))
        {
            if (created.StatusCode != HttpStatusCode.Accepted)
            {
                errors.Add($"POST answered {(int)created.StatusCode}");
                return;
            }

            using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync(cancellationToken));
            id = json.RootElement.GetProperty("id").GetGuid();
        }

        while (Stopwatch.GetElapsedTime(sent) < Patience)
        {
            using var response = await api.GetAsync(Resource(id), cancellationToken);
            var status = await StatusAsync(response, cancellationToken);
            if (status == "APPROVED")
            {
                latencies.Add(Stopwatch.GetElapsedTime(sent));
                approved.Add(id);
                return;
            }

            if (status != "REQUESTED")
            {
                errors.Add($"payment {id} reached {status}");
                return;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        errors.Add($"payment {id} not APPROVED within {Patience.TotalSeconds} s");
    }

    private static Uri Resource(Guid payment) => new($"/api/v1/payments/{payment}", UriKind.Relative);

    private static async Task<string> StatusAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"HTTP {(int)response.StatusCode}";
        }

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return json.RootElement.GetProperty("status").GetString() ?? "";
    }
}
