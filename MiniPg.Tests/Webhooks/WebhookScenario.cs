using System.Text;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using MiniPg.Domain.Events;
using MiniPg.Domain.Webhooks;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Webhooks;

/// <summary>
/// What the webhook tests set up and look at, straight in the database and Kafka: endpoints as the Api would store
/// them, payments with their outcome event kept out of the outbox (so the test decides where and when it is
/// published), and the deliveries the service makes.
/// </summary>
internal static class WebhookScenario
{
    public static async Task<WebhookEndpoint> EndpointAsync(
        InfrastructureFixture infrastructure, TestMerchant merchant, string url, IReadOnlyList<string>? eventTypes = null, Action<WebhookEndpoint>? change = null)
    {
        var endpoint = WebhookEndpoint.Create(Guid.CreateVersion7(), merchant.Id, url, eventTypes ?? WebhookEventTypes.All, "test endpoint", TimeProvider.System.GetUtcNow());
        change?.Invoke(endpoint);
        await using var db = infrastructure.CreateDbContext();
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return endpoint;
    }

    /// <summary>An approved payment of the merchant, and its <c>payment.completed</c>, not yet published.</summary>
    public static async Task<PaymentCompleted> ApprovedPaymentAsync(InfrastructureFixture infrastructure, TestMerchant merchant)
    {
        var (requested, _) = await DirectPayments.CreateWithoutEventAsync(infrastructure, merchant);
        await using var db = infrastructure.CreateDbContext();
        var payment = await db.Payments.SingleAsync(p => p.Id == requested.Id, TestContext.Current.CancellationToken);
        payment.Approve($"test-{Guid.NewGuid():N}", TimeProvider.System.GetUtcNow());
        var completed = (PaymentCompleted)payment.PendingEvents.Single();
        payment.ClearPendingEvents();
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return completed;
    }

    /// <summary>Publishes the event as the outbox relay would: on its topic, keyed by its payment, with the trace it belongs to if given.</summary>
    public static async Task ProduceAsync(InfrastructureFixture infrastructure, IIntegrationEvent integrationEvent, int partition = 0, string? traceParent = null)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = infrastructure.KafkaBootstrapServers, Acks = Acks.All }).Build();
        var message = new Message<string, string> { Key = integrationEvent.PaymentId.ToString(), Value = EventSerializer.Serialize(integrationEvent), Headers = [] };
        if (traceParent is not null)
        {
            message.Headers.Add("traceparent", Encoding.ASCII.GetBytes(traceParent));
        }

        await producer.ProduceAsync(new TopicPartition(Topics.For(integrationEvent), partition), message, TestContext.Current.CancellationToken);
    }

    public static async Task<List<WebhookDelivery>> DeliveriesOfAsync(InfrastructureFixture infrastructure, Guid eventId)
    {
        await using var db = infrastructure.CreateDbContext();
        return await db.WebhookDeliveries.AsNoTracking().Include(delivery => delivery.Attempts)
            .Where(delivery => delivery.EventId == eventId)
            .ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Polls the event's deliveries until <paramref name="done"/> holds (or a minute passed) and returns them as they were last read.</summary>
    public static async Task<List<WebhookDelivery>> WaitForDeliveriesAsync(InfrastructureFixture infrastructure, Guid eventId, Func<List<WebhookDelivery>, bool> done)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var deliveries = await DeliveriesOfAsync(infrastructure, eventId);
            if (done(deliveries) || waited.Elapsed > TimeSpan.FromMinutes(1))
            {
                return deliveries;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The event's one delivery, once <paramref name="done"/> holds for it.</summary>
    public static async Task<WebhookDelivery> WaitForDeliveryAsync(InfrastructureFixture infrastructure, Guid eventId, Func<WebhookDelivery, bool> done) =>
        Assert.Single(await WaitForDeliveriesAsync(infrastructure, eventId, deliveries => deliveries is [var delivery] && done(delivery)));

    public static bool IsDelivered(WebhookDelivery delivery) => delivery.Status == WebhookDeliveryStatus.Delivered;

    /// <summary>Polls <paramref name="condition"/> until it holds or a minute passed; the caller asserts what it needs.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && waited.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
