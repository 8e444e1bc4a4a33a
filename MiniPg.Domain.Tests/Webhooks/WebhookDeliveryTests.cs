using MiniPg.Domain.Merchants;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Webhooks;

namespace MiniPg.Domain.Tests.Webhooks;

public sealed class WebhookDeliveryTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 3, 0, 0, TimeSpan.Zero);
    private static readonly WebhookRetrySchedule TwoRetries = new([TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)]);

    [Fact]
    public void The_default_schedule_spreads_eleven_attempts_over_about_a_day()
    {
        var total = WebhookRetrySchedule.Default.Delays.Aggregate(TimeSpan.Zero, (sum, delay) => sum + delay);

        Assert.Equal((11, new TimeSpan(23, 51, 10)), (WebhookRetrySchedule.Default.MaxAttempts, total));
    }

    [Fact]
    public void A_2xx_delivers_it_and_nothing_more_is_scheduled()
    {
        var delivery = NewDelivery();

        var attempt = delivery.RecordAttempt(Start, TimeSpan.FromMilliseconds(40), 204, null, TwoRetries);

        Assert.True(attempt.Succeeded);
        Assert.Equal((WebhookDeliveryStatus.Delivered, 1, (DateTimeOffset?)null), (delivery.Status, delivery.AttemptCount, delivery.NextAttemptAt));
        Assert.Equal(Start.AddMilliseconds(40), delivery.DeliveredAt);
    }

    [Fact]
    public void Failures_wait_as_scheduled_and_the_last_one_fails_the_delivery()
    {
        var delivery = NewDelivery();

        delivery.RecordAttempt(Start, TimeSpan.FromSeconds(1), 500, null, TwoRetries);
        Assert.Equal(Start.AddSeconds(11), delivery.NextAttemptAt);
        delivery.RecordAttempt(Start.AddSeconds(11), TimeSpan.FromSeconds(10), null, "timed out", TwoRetries);
        Assert.Equal(Start.AddSeconds(81), delivery.NextAttemptAt);
        delivery.RecordAttempt(Start.AddSeconds(81), TimeSpan.FromSeconds(1), 410, null, TwoRetries);

        Assert.Equal((WebhookDeliveryStatus.Failed, 3, (DateTimeOffset?)null, 410), (delivery.Status, delivery.AttemptCount, delivery.NextAttemptAt, delivery.LastStatusCode));
    }

    [Fact]
    public void A_manual_redelivery_of_a_failed_delivery_is_due_at_once_with_the_whole_schedule_again()
    {
        var delivery = NewDelivery();
        for (var attempt = 0; attempt < TwoRetries.MaxAttempts; attempt++)
        {
            delivery.RecordAttempt(Start, TimeSpan.Zero, 503, null, TwoRetries);
        }

        delivery.Redeliver(Start.AddHours(2));
        delivery.RecordAttempt(Start.AddHours(2), TimeSpan.Zero, 503, null, TwoRetries);

        Assert.Equal((WebhookDeliveryStatus.Pending, 4, Start.AddHours(2).AddSeconds(10)), (delivery.Status, delivery.AttemptCount, delivery.NextAttemptAt));
    }

    [Fact]
    public void Redelivering_a_delivery_that_may_be_being_sent_keeps_its_time_so_it_is_never_sent_twice_at_once()
    {
        var leased = NewDelivery();
        var scheduledLater = NewDelivery();
        leased.RecordAttempt(Start, TimeSpan.Zero, 500, null, new WebhookRetrySchedule([TimeSpan.FromSeconds(40)]));
        scheduledLater.RecordAttempt(Start, TimeSpan.Zero, 500, null, new WebhookRetrySchedule([TimeSpan.FromHours(2)]));

        leased.Redeliver(Start.AddSeconds(1));
        scheduledLater.Redeliver(Start.AddSeconds(1));

        Assert.Equal((Start.AddSeconds(40), Start.AddSeconds(1)), (leased.NextAttemptAt!.Value, scheduledLater.NextAttemptAt!.Value));
    }

    [Fact]
    public void Deleting_the_endpoint_cancels_a_pending_delivery_but_not_a_delivered_one()
    {
        var pending = NewDelivery();
        var delivered = NewDelivery();
        delivered.RecordAttempt(Start, TimeSpan.Zero, 200, null, TwoRetries);

        pending.Cancel();
        delivered.Cancel();

        Assert.Equal((WebhookDeliveryStatus.Cancelled, WebhookDeliveryStatus.Delivered), (pending.Status, delivered.Status));
    }

    [Fact]
    public void An_endpoint_refuses_unknown_event_types_and_stops_wanting_events_once_disabled()
    {
        Assert.Throws<ArgumentException>(() => WebhookEndpoint.Create(Guid.NewGuid(), new MerchantId(Guid.NewGuid()), "https://shop.example.com/", ["payment.requested"], null, Start));
        var endpoint = WebhookEndpoint.Create(Guid.NewGuid(), new MerchantId(Guid.NewGuid()), "https://shop.example.com/", [WebhookEventTypes.PaymentCompleted], null, Start);

        Assert.StartsWith(WebhookSecret.Prefix, endpoint.Secret, StringComparison.Ordinal);
        Assert.Equal((true, false), (endpoint.Wants(WebhookEventTypes.PaymentCompleted), endpoint.Wants(WebhookEventTypes.PaymentFailed)));
        endpoint.Disable();
        Assert.False(endpoint.Wants(WebhookEventTypes.PaymentCompleted));
    }

    private static WebhookDelivery NewDelivery()
    {
        var endpoint = WebhookEndpoint.Create(Guid.NewGuid(), new MerchantId(Guid.NewGuid()), "https://shop.example.com/", WebhookEventTypes.All, null, Start);
        return WebhookDelivery.For(Guid.NewGuid(), endpoint, Guid.NewGuid(), WebhookEventTypes.PaymentCompleted, new PaymentId(Guid.NewGuid()), "{}", Start);
    }
}
