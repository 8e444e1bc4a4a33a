using System.Net.Http.Json;
using System.Text.Json;

namespace MiniPg.Tests.Support;

/// <summary>The acquirer's HTTP contract, called as the gateway would call it.</summary>
internal static class AcquirerCalls
{
    public static readonly Guid Merchant = Guid.Parse("0198c0de-0000-7000-8000-000000000001");

    public static Task<HttpResponseMessage> ApproveAsync(this HttpClient client, Guid requestId, string card = TestCards.Approved, long amount = 15_000) =>
        client.PostAsJsonAsync("/v1/approvals", ApprovalBody(requestId, card, amount), TestContext.Current.CancellationToken);

    public static object ApprovalBody(Guid requestId, string card = TestCards.Approved, long amount = 15_000) => new
    {
        requestId,
        merchantId = Merchant,
        amount,
        currency = "KRW",
        card = new { number = card, expiryMonth = 12, expiryYear = 2030 },
    };

    public static Task<HttpResponseMessage> InquireAsync(this HttpClient client, Guid requestId) =>
        client.GetAsync($"/v1/approvals/{requestId}", TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> CancelAsync(this HttpClient client, Guid requestId, Guid cancellationId, long? amount = null) =>
        client.PostAsJsonAsync($"/v1/approvals/{requestId}/cancellations", new { cancellationId, amount, reason = "customer changed their mind" }, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> VoidAsync(this HttpClient client, Guid requestId) =>
        client.PostAsync($"/v1/approvals/{requestId}/void", content: null, TestContext.Current.CancellationToken);

    /// <summary>The daily export's entries for the given requests only: other tests write to the same ledger.</summary>
    public static async Task<List<JsonElement>> ExportAsync(this HttpClient client, DateOnly date, params Guid[] requestIds)
    {
        using var response = await client.GetAsync($"/v1/transactions?date={date:yyyy-MM-dd}", TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var entries = await response.Content.ReadFromJsonAsync<List<JsonElement>>(TestContext.Current.CancellationToken) ?? [];
        return [.. entries.Where(entry => requestIds.Contains(entry.GetProperty("requestId").GetGuid()))];
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    public static string Text(this JsonElement json, string property) => json.GetProperty(property).GetString()!;

    public static long Number(this JsonElement json, string property) => json.GetProperty(property).GetInt64();
}

internal static class KstDate
{
    private static readonly TimeZoneInfo Seoul = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Seoul).DateTime);

    public static DateOnly Of(JsonElement json, string property) => Of(json.GetProperty(property).GetDateTimeOffset());
}
