using System.Net.Http.Json;
using System.Text;

namespace MiniPg.Tests.Support;

internal static class PaymentRequests
{
    public const string Path = "/api/v1/payments";

    public static object Valid(long amount = 15_000, string orderId = "order-1", string cardNumber = TestCards.Approved) => new
    {
        orderId,
        amount,
        currency = "KRW",
        orderName = "Coffee beans",
        card = new { number = cardNumber, expiryMonth = 12, expiryYear = 2030 },
    };

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, object body, string? idempotencyKey) =>
        client.SendAsync(Message(JsonContent.Create(body), idempotencyKey), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> CancelAsync(this HttpClient client, Uri payment, object body, string idempotencyKey)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, $"{payment}/cancel") { Content = JsonContent.Create(body) };
        message.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(message, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string body, string? idempotencyKey, string contentType = "application/json") =>
        client.SendAsync(Message(new StringContent(body, Encoding.UTF8, contentType), idempotencyKey), TestContext.Current.CancellationToken);

    private static HttpRequestMessage Message(HttpContent content, string? idempotencyKey)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, Path) { Content = content };
        if (idempotencyKey is not null)
        {
            message.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return message;
    }
}
