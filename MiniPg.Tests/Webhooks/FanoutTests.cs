using MiniPg.Domain.Webhooks;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Webhooks;

/// <summary>Which endpoints an event goes to: one delivery per event and endpoint that wants it, however often Kafka hands it over.</summary>
[Collection(nameof(WebhookSending))]
public sealed class FanoutTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task The_same_record_consumed_twice_gives_one_delivery_per_endpoint()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        await using var first = await TestReceiver.AnsweringAsync(200);
        await using var second = await TestReceiver.AnsweringAsync(200);
        var endpoints = new[]
        {
            await WebhookScenario.EndpointAsync(infrastructure, merchant, first.Url.ToString()),
            await WebhookScenario.EndpointAsync(infrastructure, merchant, second.Url.ToString()),
        };
        var completed = await WebhookScenario.ApprovedPaymentAsync(infrastructure, merchant);
        var marker = await WebhookScenario.ApprovedPaymentAsync(infrastructure, merchant);
        await using var webhooks = new WebhooksFactory(infrastructure).Start();

        await WebhookScenario.ProduceAsync(infrastructure, completed, partition: 1);
        await WebhookScenario.ProduceAsync(infrastructure, completed, partition: 1);
        await WebhookScenario.ProduceAsync(infrastructure, marker, partition: 1);

        // The marker comes after both copies on the same partition: once its deliveries are there, both copies were consumed.
        await WebhookScenario.WaitForDeliveriesAsync(infrastructure, marker.EventId, deliveries => deliveries.Count == 2 && deliveries.All(WebhookScenario.IsDelivered));
        var deliveries = await WebhookScenario.WaitForDeliveriesAsync(infrastructure, completed.EventId, deliveries => deliveries.Count == 2 && deliveries.All(WebhookScenario.IsDelivered));

        Assert.Equal(endpoints.Select(endpoint => endpoint.Id).Order(), deliveries.Select(delivery => delivery.EndpointId).Order());
        Assert.All(deliveries, delivery => Assert.Equal((WebhookDeliveryStatus.Delivered, 1), (delivery.Status, delivery.AttemptCount)));
        Assert.Equal((1, 1), (first.Requests.Count(request => request.EventId == completed.EventId.ToString()), second.Requests.Count(request => request.EventId == completed.EventId.ToString())));
    }

    [Fact]
    public async Task An_endpoint_that_does_not_want_the_type_a_disabled_one_and_a_deleted_one_get_no_delivery()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        await using var receiver = await TestReceiver.AnsweringAsync(200);
        var url = receiver.Url.ToString();
        var subscribed = await WebhookScenario.EndpointAsync(infrastructure, merchant, url);
        await WebhookScenario.EndpointAsync(infrastructure, merchant, url, [WebhookEventTypes.PaymentFailed, WebhookEventTypes.PaymentCancelled]);
        await WebhookScenario.EndpointAsync(infrastructure, merchant, url, change: endpoint => endpoint.Disable());
        await WebhookScenario.EndpointAsync(infrastructure, merchant, url, change: endpoint => endpoint.Delete(TimeProvider.System.GetUtcNow()));
        var completed = await WebhookScenario.ApprovedPaymentAsync(infrastructure, merchant);
        await using var webhooks = new WebhooksFactory(infrastructure).Start();

        await WebhookScenario.ProduceAsync(infrastructure, completed);
        var deliveries = await WebhookScenario.WaitForDeliveriesAsync(infrastructure, completed.EventId, deliveries => deliveries.Count > 0 && deliveries.All(WebhookScenario.IsDelivered));

        Assert.Equal(subscribed.Id, Assert.Single(deliveries).EndpointId);
        Assert.Single(receiver.Requests);
    }
}
