using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniPg.Domain.Events;
using MiniPg.Domain.Webhooks;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Webhooks;

/// <summary>What a merchant's endpoint receives: the contract's body and headers, retries until it says yes, and a redelivery on demand.</summary>
[Collection(nameof(WebhookSending))]
public sealed class SendingTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_receiver_that_fails_the_first_three_times_keeps_the_event_once_and_the_delivery_reads_delivered_after_four_attempts()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        await using var receiver = await TestReceiver.StartAsync(request => Task.FromResult(request.Number <= 3 ? 500 : 204));
        var endpoint = await WebhookScenario.EndpointAsync(infrastructure, merchant, receiver.Url.ToString());
        var completed = await WebhookScenario.ApprovedPaymentAsync(infrastructure, merchant);
        await using var webhooks = new WebhooksFactory(infrastructure).Start();

        await WebhookScenario.ProduceAsync(infrastructure, completed);
        var delivery = await WebhookScenario.WaitForDeliveryAsync(infrastructure, completed.EventId, WebhookScenario.IsDelivered);

        Assert.Equal((WebhookDeliveryStatus.Delivered, 4), (delivery.Status, delivery.AttemptCount));
        Assert.Equal(new int?[] { 500, 500, 500, 204 }, delivery.Attempts.OrderBy(attempt => attempt.Number).Select(attempt => attempt.StatusCode));
        Assert.Equal(new Dictionary<string, int> { [completed.EventId.ToString()] = 4 }, receiver.Events);

        // One request per attempt: nothing underneath the schedule retried a 500 on its own.
        Assert.Equal(4, receiver.Requests.Count);
        var now = TimeProvider.System.GetUtcNow();
        Assert.All(receiver.Requests, request =>
        {
            Assert.Equal((completed.EventId.ToString(), delivery.Id.ToString()), (request.EventId, request.DeliveryId));
            Assert.True(WebhookSignature.Verify(request.Signature, endpoint.Secret, request.Body, now, WebhookSignature.DefaultTolerance));
        });
    }

    [Fact]
    public async Task A_delivery_posts_the_event_with_the_payment_and_the_contracts_headers()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        await using var receiver = await TestReceiver.AnsweringAsync(200);
        await WebhookScenario.EndpointAsync(infrastructure, merchant, receiver.Url.ToString());
        var completed = await WebhookScenario.ApprovedPaymentAsync(infrastructure, merchant);
        await using var webhooks = new WebhooksFactory(infrastructure).Start();

        await WebhookScenario.ProduceAsync(infrastructure, completed);
        var delivery = await WebhookScenario.WaitForDeliveryAsync(infrastructure, completed.EventId, WebhookScenario.IsDelivered);

        var request = Assert.Single(receiver.Requests);
        Assert.Equal(("application/json", "MiniPg-Webhooks/1", "payment.completed"), (request.ContentType, request.UserAgent, request.EventType));
        Assert.Equal(delivery.Payload, Encoding.UTF8.GetString(request.Body));
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal((completed.EventId, "payment.completed", completed.OccurredAt), (body.GetProperty("id").GetGuid(), body.GetProperty("type").GetString(), body.GetProperty("occurredAt").GetDateTimeOffset()));
        var payment = body.GetProperty("data").GetProperty("payment");
        Assert.Equal((completed.PaymentId, "APPROVED", 20_000L, "KRW"), (payment.GetProperty("id").GetGuid(), payment.GetProperty("status").GetString(), payment.GetProperty("amount").GetInt64(), payment.GetProperty("currency").GetString()));
        Assert.Equal(EventSerializer.Serialize(completed), body.GetProperty("data").GetProperty("event").GetRawText());
    }

    [Fact]
    public async Task A_delivery_joins_the_trace_of_the_event_it_announces()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        await using var receiver = await TestReceiver.AnsweringAsync(200);
        await WebhookScenario.EndpointAsync(infrastructure, merchant, receiver.Url.ToString());
        var completed = await WebhookScenario.ApprovedPaymentAsync(infrastructure, merchant);
        var trace = ActivityTraceId.CreateRandom();
        await using var webhooks = new WebhooksFactory(infrastructure).Start();

        await WebhookScenario.ProduceAsync(infrastructure, completed, traceParent: $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        await WebhookScenario.WaitForDeliveryAsync(infrastructure, completed.EventId, WebhookScenario.IsDelivered);

        // The request carries the trace on to the receiver: the attempt's span, and the HTTP call under it, are in it.
        Assert.Equal(trace.ToString(), ActivityContext.Parse(Assert.Single(receiver.Requests).TraceParent!, null).TraceId.ToString());
    }

    [Fact]
    public async Task A_delivery_redelivered_by_hand_is_sent_again_with_the_same_event_id()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        await using var receiver = await TestReceiver.AnsweringAsync(200);
        await WebhookScenario.EndpointAsync(infrastructure, merchant, receiver.Url.ToString());
        var completed = await WebhookScenario.ApprovedPaymentAsync(infrastructure, merchant);
        await using var webhooks = new WebhooksFactory(infrastructure).Start();
        await WebhookScenario.ProduceAsync(infrastructure, completed);
        await WebhookScenario.WaitForDeliveryAsync(infrastructure, completed.EventId, WebhookScenario.IsDelivered);

        await using (var db = infrastructure.CreateDbContext())
        {
            var delivered = await db.WebhookDeliveries.SingleAsync(delivery => delivery.EventId == completed.EventId, TestContext.Current.CancellationToken);
            delivered.Redeliver(TimeProvider.System.GetUtcNow());
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var redelivered = await WebhookScenario.WaitForDeliveryAsync(infrastructure, completed.EventId, delivery => delivery.AttemptCount == 2 && WebhookScenario.IsDelivered(delivery));

        Assert.Equal((WebhookDeliveryStatus.Delivered, 2), (redelivered.Status, redelivered.AttemptCount));
        Assert.Equal([1, 2], redelivered.Attempts.Select(attempt => attempt.Number).Order());
        Assert.Equal(
            [(completed.EventId.ToString(), redelivered.Id.ToString()), (completed.EventId.ToString(), redelivered.Id.ToString())],
            receiver.Requests.Select(request => (request.EventId, request.DeliveryId)));
        Assert.Equal(new Dictionary<string, int> { [completed.EventId.ToString()] = 2 }, receiver.Events);
    }
}
