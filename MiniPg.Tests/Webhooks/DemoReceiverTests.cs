using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using MiniPg.Domain.Webhooks;

namespace MiniPg.Tests.Webhooks;

/// <summary>The demo receiver: what it accepts, what it refuses, and how it registers itself with the Api.</summary>
public sealed class DemoReceiverTests
{
    private const string Secret = "whsec_demo_receiver_test_secret";

    [Fact]
    public async Task A_signed_event_is_listed_once_however_often_it_arrives_and_a_forged_one_is_refused()
    {
        await using var receiver = Receiver(("WebhookReceiver:Secrets:0", Secret));
        var client = receiver.CreateClient();
        var eventId = Guid.CreateVersion7();
        var paymentId = Guid.CreateVersion7();
        var body = EventBody(eventId, paymentId);

        using var first = await client.SendAsync(Signed(body, Secret), TestContext.Current.CancellationToken);
        using var again = await client.SendAsync(Signed(body, Secret), TestContext.Current.CancellationToken);
        using var forged = await client.SendAsync(Signed(body, "whsec_someone_else"), TestContext.Current.CancellationToken);
        var events = await client.GetFromJsonAsync<JsonElement>("/events", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized), (first.StatusCode, again.StatusCode, forged.StatusCode));
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        var received = Assert.Single(events.GetProperty("data").EnumerateArray());
        Assert.Equal(
            (eventId, "payment.completed", paymentId, "APPROVED", 10_000L, 2),
            (received.GetProperty("id").GetGuid(), received.GetProperty("type").GetString(), received.GetProperty("paymentId").GetGuid(),
                received.GetProperty("status").GetString(), received.GetProperty("amount").GetInt64(), received.GetProperty("received").GetInt32()));
    }

    [Fact]
    public async Task Register_forwards_the_callers_key_keeps_the_secret_and_answers_only_the_endpoint_id()
    {
        var endpointId = Guid.CreateVersion7();
        var apiSecret = WebhookSecret.New();
        string? authorization = null;
        JsonElement registered = default;
        await using var api = await FakeApiAsync(async context =>
        {
            authorization = context.Request.Headers.Authorization;
            registered = await context.Request.ReadFromJsonAsync<JsonElement>();
            context.Response.StatusCode = StatusCodes.Status201Created;
            await context.Response.WriteAsJsonAsync(new { id = endpointId, url = registered.GetProperty("url").GetString(), eventTypes = WebhookEventTypes.All, enabled = true, secret = apiSecret });
        });
        await using var receiver = Receiver(($"services:{ResourceNames.Api}:http:0", api.Urls.First()));
        var client = receiver.CreateClient();
        using var register = new HttpRequestMessage(HttpMethod.Post, "/register");
        register.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk_test_some_merchant");

        using var answer = await client.SendAsync(register, TestContext.Current.CancellationToken);
        var answered = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var signedWithIt = await client.SendAsync(Signed(EventBody(Guid.CreateVersion7(), Guid.CreateVersion7()), apiSecret), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(endpointId, JsonDocument.Parse(answered).RootElement.GetProperty("endpointId").GetGuid());
        Assert.DoesNotContain(apiSecret, answered, StringComparison.Ordinal);
        Assert.Equal(("Bearer sk_test_some_merchant", "http://localhost:5084/webhooks"), (authorization, registered.GetProperty("url").GetString()));
        Assert.Equal(HttpStatusCode.OK, signedWithIt.StatusCode);
    }

    [Fact]
    public async Task Register_without_a_merchant_key_is_a_401_problem()
    {
        await using var receiver = Receiver();

        using var answer = await receiver.CreateClient().PostAsync("/register", content: null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
    }

    private static WebApplicationFactory<MiniPg.WebhookReceiver.Program> Receiver(params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<MiniPg.WebhookReceiver.Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    private static byte[] EventBody(Guid eventId, Guid paymentId) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        id = eventId,
        type = "payment.completed",
        occurredAt = TimeProvider.System.GetUtcNow(),
        data = new { payment = new { id = paymentId, status = "APPROVED", amount = 10_000, currency = "KRW" } },
    }));

    private static HttpRequestMessage Signed(byte[] body, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Header(secret, TimeProvider.System.GetUtcNow(), body));
        return request;
    }

    private static async Task<WebApplication> FakeApiAsync(RequestDelegate createEndpoint)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapPost("/api/v1/webhook-endpoints", createEndpoint);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }
}
