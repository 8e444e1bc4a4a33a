using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Webhooks;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Api;

/// <summary>Calls of <c>/api/v1/webhook-endpoints</c>, and webhook rows written straight to the database with the domain's methods.</summary>
internal static class WebhookEndpointCalls
{
    public const string EndpointsPath = "/api/v1/webhook-endpoints";

    /// <summary>
    /// A public address written as a literal, so no test depends on this machine's DNS. Nothing is ever sent to it: no
    /// test here creates a delivery an enabled endpoint would send.
    /// </summary>
    public const string PublicUrl = "https://93.184.215.14/minipg/webhooks";

    public static readonly DateTimeOffset Start = new(2026, 11, 30, 3, 0, 0, TimeSpan.Zero);

    public static Task<HttpResponseMessage> CreateEndpointAsync(this HttpClient client, object body) =>
        client.PostAsJsonAsync(EndpointsPath, body, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, string json) =>
        client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") }, TestContext.Current.CancellationToken);

    /// <summary>Creates an endpoint through the Api and returns its id.</summary>
    public static async Task<Guid> CreatedEndpointAsync(this HttpClient client)
    {
        using var created = await client.CreateEndpointAsync(new { url = PublicUrl });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        return (await created.JsonAsync()).GetProperty("id").GetGuid();
    }

    public static async Task<List<WebhookEndpoint>> EndpointsAsync(this InfrastructureFixture infrastructure, TestMerchant merchant)
    {
        await using var db = infrastructure.CreateDbContext();
        return await db.WebhookEndpoints.AsNoTracking().Where(endpoint => endpoint.MerchantId == merchant.Id).ToListAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<WebhookDelivery> DeliveryAsync(this InfrastructureFixture infrastructure, Guid id)
    {
        await using var db = infrastructure.CreateDbContext();
        return await db.WebhookDeliveries.AsNoTracking().Include(delivery => delivery.Attempts).SingleAsync(delivery => delivery.Id == id, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// An endpoint written straight to the database, disabled, so that a sender running beside these tests never picks
    /// up its deliveries and the rows stay as each test wrote them.
    /// </summary>
    public static async Task<WebhookEndpoint> InsertDisabledEndpointAsync(this InfrastructureFixture infrastructure, TestMerchant merchant)
    {
        var endpoint = WebhookEndpoint.Create(Guid.CreateVersion7(), merchant.Id, PublicUrl, WebhookEventTypes.All, "written by a test", Start);
        endpoint.Disable();
        await using var db = infrastructure.CreateDbContext();
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return endpoint;
    }

    /// <summary>Disables an endpoint the Api created, for the same reason as <see cref="InsertDisabledEndpointAsync"/>.</summary>
    public static async Task<WebhookEndpoint> DisableAsync(this InfrastructureFixture infrastructure, Guid endpointId)
    {
        await using var db = infrastructure.CreateDbContext();
        var endpoint = await db.WebhookEndpoints.SingleAsync(e => e.Id == endpointId, TestContext.Current.CancellationToken);
        endpoint.Disable();
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return endpoint;
    }

    /// <summary>A delivery created at <paramref name="createdAt"/>, then given each attempt's status code (null: no answer) a minute apart.</summary>
    public static async Task<WebhookDelivery> InsertDeliveryAsync(
        this InfrastructureFixture infrastructure, WebhookEndpoint endpoint, DateTimeOffset createdAt, params int?[] attempts) =>
        await infrastructure.InsertDeliveryAsync(endpoint, createdAt, WebhookRetrySchedule.Default, attempts);

    public static async Task<WebhookDelivery> InsertDeliveryAsync(
        this InfrastructureFixture infrastructure, WebhookEndpoint endpoint, DateTimeOffset createdAt, WebhookRetrySchedule schedule, params int?[] attempts)
    {
        var delivery = WebhookDelivery.For(
            Guid.CreateVersion7(createdAt), endpoint, Guid.NewGuid(), WebhookEventTypes.PaymentCompleted, PaymentId.New(TimeProvider.System), "{}", createdAt);
        for (var i = 0; i < attempts.Length; i++)
        {
            delivery.RecordAttempt(createdAt.AddMinutes(i), TimeSpan.FromMilliseconds(120), attempts[i], attempts[i] is null ? "connection refused" : null, schedule);
        }

        await using var db = infrastructure.CreateDbContext();
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return delivery;
    }
}
