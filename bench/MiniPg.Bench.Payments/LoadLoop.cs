using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MiniPg.Bench.Payments;

/// <summary>
/// The one client loop both the floor and the system are driven with: N requests, C workers on one shared
/// <see cref="HttpClient"/>, each taking the next request number until none is left. Only 202 counts as accepted, and
/// for a replay only a 202 marked as replayed (<see cref="Answers"/>).
/// </summary>
internal static class LoadLoop
{
    public static Task<LoadResult> RunAsync(
        HttpClient http, Uri target, Func<int, (string Key, string Body)> request, int count, int concurrency, CancellationToken cancellationToken) =>
        RunAsync(http, target, request, count, concurrency, Answers.Accepted, cancellationToken);

    public static async Task<LoadResult> RunAsync(
        HttpClient http,
        Uri target,
        Func<int, (string Key, string Body)> request,
        int count,
        int concurrency,
        Func<HttpResponseMessage, string?> refusal,
        CancellationToken cancellationToken)
    {
        var next = -1;
        var accepted = 0;
        var errors = new ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var (key, body) = request(index);
                using var message = PaymentMessage(target, key, body);
                try
                {
                    using var response = await http.SendAsync(message, cancellationToken);
                    if (refusal(response) is { } error)
                    {
                        errors.AddOrUpdate(error, 1, (_, seen) => seen + 1);
                    }
                    else
                    {
                        Interlocked.Increment(ref accepted);
                    }
                }
                catch (HttpRequestException exception)
                {
                    errors.AddOrUpdate(exception.GetType().Name, 1, (_, seen) => seen + 1);
                }
            }
        });
        await Task.WhenAll(workers);
        return new LoadResult(count, accepted, clock.Elapsed, errors);
    }

    public static HttpRequestMessage PaymentMessage(Uri target, string key, string body)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        message.Headers.Add("Idempotency-Key", key);
        return message;
    }

    /// <summary>A valid payment body for the approving test card; amounts 1,000, 1,001, … make each body unique.</summary>
    public static string PaymentBody(string orderId, long amount) =>
        $$$"""{"orderId":"{{{orderId}}}","amount":{{{amount.ToString(CultureInfo.InvariantCulture)}}},"currency":"KRW","orderName":"Bench item","card":{"number":"4242424242424242","expiryMonth":12,"expiryYear":2030}}""";
}

internal sealed record LoadResult(int Sent, int Accepted, TimeSpan Elapsed, IReadOnlyDictionary<string, int> Errors)
{
    public double PerSecond => Accepted / Elapsed.TotalSeconds;

    public string ErrorSummary => Errors.Count == 0 ? "none"
        : string.Join(", ", Errors.OrderBy(error => error.Key, StringComparer.Ordinal).Select(error => $"{error.Key} × {error.Value}"));
}
