using MiniPg.Domain.Webhooks;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Webhooks;

/// <summary>One merchant's dead endpoint costs the others nothing, and MiniPg never calls an address inside its own network.</summary>
[Collection(nameof(WebhookSending))]
public sealed class IsolationTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_dead_endpoint_holds_only_its_own_slots_and_another_merchant_is_delivered_while_it_hangs()
    {
        var hanging = await TestMerchant.CreateAsync(infrastructure);
        var other = await TestMerchant.CreateAsync(infrastructure);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var dead = await TestReceiver.StartAsync(_ => release.Task);
        await using var alive = await TestReceiver.AnsweringAsync(200);
        await WebhookScenario.EndpointAsync(infrastructure, hanging, dead.Url.ToString());
        await WebhookScenario.EndpointAsync(infrastructure, other, alive.Url.ToString());
        var held = new List<Domain.Events.PaymentCompleted>();
        for (var i = 0; i < 6; i++)
        {
            held.Add(await WebhookScenario.ApprovedPaymentAsync(infrastructure, hanging));
        }

        var otherEvent = await WebhookScenario.ApprovedPaymentAsync(infrastructure, other);
        await using var webhooks = new WebhooksFactory(infrastructure, new Dictionary<string, string>
        {
            // Four slots in all, two per endpoint: without the per-endpoint cap the dead endpoint would take all four.
            ["Webhooks:MaxConcurrentDeliveries"] = "4",
            ["Webhooks:MaxConcurrentPerEndpoint"] = "2",
            ["Webhooks:RequestTimeout"] = "00:01:00",
        }).Start();
        try
        {
            foreach (var completed in held)
            {
                await WebhookScenario.ProduceAsync(infrastructure, completed);
            }

            await WebhookScenario.WaitUntilAsync(() => dead.Requests.Count == 2);
            await WebhookScenario.ProduceAsync(infrastructure, otherEvent);
            var delivered = await WebhookScenario.WaitForDeliveryAsync(infrastructure, otherEvent.EventId, WebhookScenario.IsDelivered);
            var whileHanging = await Task.WhenAll(held.Select(completed => WebhookScenario.DeliveriesOfAsync(infrastructure, completed.EventId)));

            Assert.Equal(WebhookDeliveryStatus.Delivered, delivered.Status);
            Assert.Equal((2, 0), (dead.Requests.Count, dead.Answered));
            Assert.All(whileHanging, deliveries => Assert.Equal((WebhookDeliveryStatus.Pending, 0), (Assert.Single(deliveries).Status, deliveries[0].AttemptCount)));
        }
        finally
        {
            release.TrySetResult(200);
        }

        foreach (var completed in held)
        {
            var delivery = await WebhookScenario.WaitForDeliveryAsync(infrastructure, completed.EventId, WebhookScenario.IsDelivered);
            Assert.Equal((WebhookDeliveryStatus.Delivered, 1), (delivery.Status, delivery.AttemptCount));
        }

        Assert.Equal(2, dead.MostInFlight);
    }

    [Fact]
    public async Task Without_loopback_allowed_a_localhost_endpoint_is_never_connected_to_and_each_attempt_names_the_refused_address()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        await using var receiver = await TestReceiver.AnsweringAsync(200);
        await WebhookScenario.EndpointAsync(infrastructure, merchant, $"http://localhost:{receiver.Port}/");
        var completed = await WebhookScenario.ApprovedPaymentAsync(infrastructure, merchant);
        await using var webhooks = new WebhooksFactory(infrastructure, new Dictionary<string, string> { ["Webhooks:AllowLoopback"] = "false" }).Start();

        await WebhookScenario.ProduceAsync(infrastructure, completed);
        var delivery = await WebhookScenario.WaitForDeliveryAsync(infrastructure, completed.EventId, delivery => delivery.AttemptCount >= 2);

        Assert.Empty(receiver.Requests);
        Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status);
        Assert.All(delivery.Attempts, attempt =>
        {
            Assert.Null(attempt.StatusCode);
            Assert.Matches(@"Refused to connect to localhost \((127\.0\.0\.1|::1)", attempt.Error);
            Assert.Contains("Loopback addresses cannot receive webhooks.", attempt.Error, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task An_endpoint_at_the_cloud_metadata_address_is_refused_before_any_connection()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        await WebhookScenario.EndpointAsync(infrastructure, merchant, "http://169.254.169.254/latest/meta-data/");
        var completed = await WebhookScenario.ApprovedPaymentAsync(infrastructure, merchant);
        await using var webhooks = new WebhooksFactory(infrastructure).Start();

        await WebhookScenario.ProduceAsync(infrastructure, completed);
        var delivery = await WebhookScenario.WaitForDeliveryAsync(infrastructure, completed.EventId, delivery => delivery.AttemptCount >= 1);

        var attempt = delivery.Attempts.MinBy(attempt => attempt.Number)!;
        Assert.Equal((null, 0), (attempt.StatusCode, attempt.DurationMs));
        Assert.Contains("169.254.169.254 is a private, link-local or reserved address", attempt.Error, StringComparison.Ordinal);
    }
}
