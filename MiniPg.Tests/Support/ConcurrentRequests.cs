using System.Net;

namespace MiniPg.Tests.Support;

internal static class ConcurrentRequests
{
    public sealed record Outcome(HttpStatusCode Status, bool Replayed, byte[] Body);

    /// <summary>Sends the same payment request <paramref name="count"/> times at once: all wait at a barrier, then go together.</summary>
    public static async Task<IReadOnlyList<Outcome>> SendAsync(HttpClient client, int count, string idempotencyKey)
    {
        using var start = new SemaphoreSlim(0, count);
        var requests = Enumerable.Range(0, count).Select(async _ =>
        {
            await start.WaitAsync(TestContext.Current.CancellationToken);
            using var response = await client.PostAsync(PaymentRequests.Valid(), idempotencyKey);
            return new Outcome(
                response.StatusCode,
                response.Headers.Contains("Idempotent-Replayed"),
                await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        }).ToList();
        start.Release(count);
        return await Task.WhenAll(requests);
    }
}
