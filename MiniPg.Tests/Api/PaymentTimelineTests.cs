using System.Net;
using System.Text.Json;
using MiniPg.Domain.Calendar;
using MiniPg.Domain.Cards;
using MiniPg.Domain.Fees;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Settlement;
using MiniPg.Domain.Webhooks;
using MiniPg.Infrastructure.Cards;
using MiniPg.Tests.Pipeline;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Api;

/// <summary>
/// <c>GET /api/v1/payments/{id}/timeline</c> on the whole pipeline: each test card's story as its timeline tells it,
/// cancels, settlement, webhook deliveries, and what another merchant sees (nothing).
/// </summary>
[Collection(nameof(PipelineTests))]
public sealed class PaymentTimelineTests(PipelineFixture pipeline)
{
    private static readonly DateOnly SettledDate = new(2026, 1, 13);

    [Theory]
    [InlineData(TestCards.Approved, "requested → acquirer.approve APPROVED → approved")]
    [InlineData(TestCards.Declined, "requested → acquirer.approve DECLINED → failed card_declined")]
    [InlineData(TestCards.InsufficientFunds, "requested → acquirer.approve DECLINED → failed insufficient_funds")]
    // The 503 is retried inside the one call by the acquirer client's own resilience: one call, approved.
    [InlineData(TestCards.TransientFailureThenApproved, "requested → acquirer.approve APPROVED → approved")]
    // The acquirer approves at once (so "approved" is inside the unanswered call) and the inquiry finds it.
    [InlineData(TestCards.TimeoutButApproved, "requested → acquirer.approve UNKNOWN → approved → acquirer.inquire APPROVED")]
    public async Task The_timeline_of_each_test_card_reads_as_its_documented_story(string card, string story)
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var client = merchant.Client(pipeline.Api);
        using var created = await client.PostAsync(PaymentRequests.Valid(34_000, cardNumber: card), $"timeline-{card}");
        var payment = await client.WaitUntilSettledAsync(created.Headers.Location!);

        var timeline = await TimelineAsync(client, payment.GetProperty("id").GetString()!);

        Assert.Equal((payment.GetProperty("id").GetString(), payment.Status()), (timeline.Text("paymentId"), timeline.Text("status")));
        Assert.Equal(story, Story(timeline));
        Assert.All(Entries(timeline).Where(IsAcquirerCall), call =>
        {
            Assert.True(call.GetProperty("latencyMs").GetInt32() >= 0);
            Assert.Equal(1, call.GetProperty("attempt").GetInt32());
        });
        Assert.All(Entries(timeline), entry => Assert.False(string.IsNullOrWhiteSpace(entry.Text("title"))));
        Assert.DoesNotContain(card, timeline.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entries_are_in_time_order_and_each_type_has_its_fields()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var client = merchant.Client(pipeline.Api);
        using var created = await client.PostAsync(PaymentRequests.Valid(34_000, "order-fields"), "timeline-fields");
        var payment = await client.WaitUntilSettledAsync(created.Headers.Location!);

        var entries = Entries(await TimelineAsync(client, payment.GetProperty("id").GetString()!));

        var times = entries.Select(entry => entry.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        var requested = entries[0];
        Assert.Equal(("order-fields", 34_000L, "KRW"), (requested.Text("orderId"), requested.Number("amount"), requested.Text("currency")));
        var approved = Assert.Single(entries, entry => entry.Text("type") == "approved");
        Assert.Equal(payment.GetProperty("approvedAt").GetDateTimeOffset(), approved.GetProperty("at").GetDateTimeOffset());
        Assert.StartsWith("acq_", approved.Text("acquirerTransactionId"), StringComparison.Ordinal);
        var call = Assert.Single(entries, IsAcquirerCall);
        Assert.Equal(
            ["type", "at", "title", "outcome", "detail", "latencyMs", "attempt"],
            call.EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public async Task A_cancel_shows_its_acquirer_call_and_the_cancellation()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var client = merchant.Client(pipeline.Api);
        using var created = await client.PostAsync(PaymentRequests.Valid(34_000), "timeline-cancel");
        var location = created.Headers.Location!;
        Assert.Equal("APPROVED", (await client.WaitUntilSettledAsync(location)).Status());

        using var cancelled = await client.CancelAsync(location, new { amount = 4_000, reason = "one item returned" }, "timeline-cancel-1");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        var timeline = await TimelineAsync(client, location.ToString().Split('/')[^1]);
        Assert.Equal("requested → acquirer.approve APPROVED → approved → acquirer.cancel CANCELLED → cancellation.completed", Story(timeline));
        var call = Entries(timeline)[3];
        Assert.True(call.GetProperty("latencyMs").GetInt32() >= 0);
        Assert.Equal(JsonValueKind.Null, call.GetProperty("attempt").ValueKind);
        Assert.Contains("4,000 won", call.Text("detail"), StringComparison.Ordinal);
        var cancellation = Entries(timeline)[4];
        Assert.Equal((4_000L, 30_000L, "one item returned"), (cancellation.Number("amount"), cancellation.Number("remainingAmount"), cancellation.Text("reason")));
    }

    [Fact]
    public async Task A_cancel_the_acquirer_did_not_answer_shows_the_unknown_call_and_the_held_cancel()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        using var created = await merchant.Client(pipeline.Api).PostAsync(PaymentRequests.Valid(10_000), "timeline-held");
        var location = created.Headers.Location!;
        Assert.Equal("APPROVED", (await merchant.Client(pipeline.Api).WaitUntilSettledAsync(location)).Status());
        await using var outage = await AcquirerOutage.StartAsync(pipeline.Acquirer.CreateClient());
        await using var api = new ApiFactory(pipeline.Infrastructure, outage.Address);
        api.StartServer();
        outage.IsDown = true;

        using var unanswered = await merchant.Client(api).CancelAsync(location, new { amount = 6_000, reason = "returned" }, "timeline-held-cancel");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unanswered.StatusCode);

        var timeline = await TimelineAsync(merchant.Client(pipeline.Api), location.ToString().Split('/')[^1]);
        Assert.Equal("requested → acquirer.approve APPROVED → approved → cancellation.reserved → acquirer.cancel UNKNOWN", Story(timeline));
        var held = Assert.Single(Entries(timeline), entry => entry.Text("type") == "cancellation.reserved");
        Assert.Equal((6_000L, "returned"), (held.Number("amount"), held.Text("reason")));
    }

    [Fact]
    public async Task A_settled_payment_shows_when_it_was_settled_and_its_settlement()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var payment = await SettledPaymentAsync(merchant, 34_000);

        var timeline = await TimelineAsync(merchant.Client(pipeline.Api), payment.Id.ToString());

        Assert.Equal(("SETTLED", "requested → approved → settled → settlement"), (timeline.Text("status"), Story(timeline)));
        var settlement = Entries(timeline)[3];
        Assert.Equal(("APPROVAL", "2026-01-13", "COMPLETED", "2026-01-15"), (settlement.Text("kind"), settlement.Text("businessDate"), settlement.Text("runStatus"), settlement.Text("payoutDate")));
        Assert.Equal((34_000L, 860L, 78L, 33_140L), (settlement.Number("amount"), settlement.Number("fee"), settlement.Number("vat"), settlement.Number("net")));
        Assert.Equal(payment.SettledAt, settlement.GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Webhook_deliveries_show_with_each_of_their_attempts()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var (payment, _) = await DirectPayments.CreateWithoutEventAsync(pipeline.Infrastructure, merchant);
        var sentAt = payment.RequestedAt.AddSeconds(5);
        WebhookDelivery delivery;
        await using (var db = pipeline.Infrastructure.CreateDbContext())
        {
            // Disabled once its deliveries are written: nothing in the system sends to it.
            var endpoint = WebhookEndpoint.Create(Guid.CreateVersion7(), merchant.Id, "https://shop.example/webhooks", [WebhookEventTypes.PaymentCompleted], null, sentAt);
            endpoint.Disable();
            delivery = WebhookDelivery.For(Guid.CreateVersion7(), endpoint, Guid.CreateVersion7(), WebhookEventTypes.PaymentCompleted, payment.Id, "{}", sentAt);
            delivery.RecordAttempt(sentAt, TimeSpan.FromMilliseconds(35), 500, null, WebhookRetrySchedule.Default);
            delivery.RecordAttempt(sentAt.AddSeconds(11), TimeSpan.FromMilliseconds(20), null, "connection refused", WebhookRetrySchedule.Default);
            delivery.RecordAttempt(sentAt.AddSeconds(72), TimeSpan.FromMilliseconds(12), 204, null, WebhookRetrySchedule.Default);
            db.WebhookEndpoints.Add(endpoint);
            db.WebhookDeliveries.Add(delivery);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var timeline = await TimelineAsync(merchant.Client(pipeline.Api), payment.Id.ToString());

        Assert.Equal("requested → webhook.delivery → webhook.attempt → webhook.attempt → webhook.attempt", Story(timeline));
        var queued = Entries(timeline)[1];
        Assert.Equal(
            (delivery.Id.ToString(), delivery.EndpointId.ToString(), "payment.completed", "DELIVERED", 3L),
            (queued.Text("deliveryId"), queued.Text("endpointId"), queued.Text("eventType"), queued.Text("status"), queued.Number("attemptCount")));
        var attempts = Entries(timeline).Skip(2).ToList();
        Assert.Equal([1, 2, 3], attempts.Select(attempt => attempt.GetProperty("number").GetInt32()));
        Assert.Equal([500, (int?)null, 204], attempts.Select(attempt => attempt.GetProperty("statusCode").ValueKind == JsonValueKind.Null ? (int?)null : attempt.GetProperty("statusCode").GetInt32()));
        Assert.Equal("connection refused", attempts[1].Text("error"));
        Assert.Equal([false, false, true], attempts.Select(attempt => attempt.GetProperty("succeeded").GetBoolean()));
        Assert.All(attempts, attempt => Assert.True(attempt.GetProperty("latencyMs").GetInt32() >= 0));
    }

    [Fact]
    public async Task Another_merchants_timeline_is_not_found()
    {
        var owner = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var stranger = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var (payment, _) = await DirectPayments.CreateWithoutEventAsync(pipeline.Infrastructure, owner);

        using var response = await stranger.Client(pipeline.Api).GetAsync($"/api/v1/payments/{payment.Id}/timeline", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("0198c0de-0000-7000-8000-00000000dead")]
    public async Task A_malformed_or_unknown_id_is_not_found(string id)
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);

        using var response = await merchant.Client(pipeline.Api).GetAsync($"/api/v1/payments/{id}/timeline", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>
    /// An approval of <see cref="SettledDate"/> and its settlement, written as a run writes them (item, line, run, the
    /// payment SETTLED) in one transaction. A date of its own, before any the settlement tests use; an approval that
    /// already has its item is never a candidate of another run.
    /// </summary>
    private async Task<Payment> SettledPaymentAsync(TestMerchant merchant, long amount)
    {
        var approvedAt = BusinessCalendar.KstStartOf(SettledDate).AddHours(10);
        var settledAt = BusinessCalendar.KstEndOf(SettledDate).AddMinutes(5);
        var card = CardNumber.Parse(TestCards.Approved).Summarize(CardVault.NewToken());
        var payment = Payment.Request(PaymentId.New(TimeProvider.System), merchant.Id, "order-settled", "Settled goods", new Won(amount), card, approvedAt.AddSeconds(-1));
        payment.Approve($"acq_{Guid.NewGuid():N}", approvedAt);
        payment.Settle(settledAt);
        payment.ClearPendingEvents();
        var item = new SettlementItem(SettledDate, merchant.Id, payment.Id, null, payment.OrderId, SettlementFees.For(payment.Amount, BasisPoints.Of(230)), approvedAt);
        var run = new SettlementRun(SettledDate, settledAt.AddSeconds(-1));
        run.Complete(settledAt.AddSeconds(1));
        await using var db = pipeline.Infrastructure.CreateDbContext();
        db.Payments.Add(payment);
        db.SettlementItems.Add(item);
        db.SettlementLines.Add(new SettlementLine(SettledDate, merchant.Id, [item], BusinessCalendar.PayoutDate(SettledDate, 2)));
        db.SettlementRuns.Add(run);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return payment;
    }

    private static async Task<JsonElement> TimelineAsync(HttpClient client, string paymentId)
    {
        using var response = await client.GetAsync($"/api/v1/payments/{paymentId}/timeline", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static List<JsonElement> Entries(JsonElement timeline) => [.. timeline.GetProperty("entries").EnumerateArray()];

    private static bool IsAcquirerCall(JsonElement entry) => entry.Text("type").StartsWith("acquirer.", StringComparison.Ordinal);

    /// <summary>The entries' types in order, each with its outcome (an acquirer call) or failure code.</summary>
    private static string Story(JsonElement timeline) => string.Join(" → ", Entries(timeline).Select(entry =>
        entry.Text("type") switch
        {
            var type when IsAcquirerCall(entry) => $"{type} {entry.Text("outcome")}",
            "failed" => $"failed {entry.Text("code")}",
            var type => type,
        }));
}
