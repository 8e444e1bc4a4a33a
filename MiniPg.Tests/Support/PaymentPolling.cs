using System.Net.Http.Json;
using System.Text.Json;

namespace MiniPg.Tests.Support;

internal static class PaymentPolling
{
    /// <summary>Polls the payment as a merchant would until it leaves REQUESTED (a bounded wait, not a timing assertion).</summary>
    public static async Task<JsonElement> WaitUntilSettledAsync(this HttpClient client, Uri location, string notStatus = "REQUESTED", int seconds = 60)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var payment = await client.GetFromJsonAsync<JsonElement>(location, TestContext.Current.CancellationToken);
            if (payment.GetProperty("status").GetString() != notStatus || waited.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                return payment;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public static string Status(this JsonElement payment) => payment.GetProperty("status").GetString()!;
}
