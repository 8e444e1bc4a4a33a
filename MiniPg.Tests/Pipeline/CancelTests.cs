using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniPg.Api.Payments;
using MiniPg.Domain.Events;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Pipeline;

[Collection(nameof(PipelineTests))]
public sealed class CancelTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task Partial_cancels_accumulate_until_the_payment_is_cancelled()
    {
        var (merchant, client, location) = await ApprovedPaymentAsync(34_000);

        using var partial = await client.CancelAsync(location, new { amount = 4_000, reason = "one item returned" }, "cancel-1");
        using var rest = await client.CancelAsync(location, new { reason = "order returned" }, "cancel-2");
        using var again = await client.CancelAsync(location, new { reason = "again" }, "cancel-3");

        Assert.True(partial.IsSuccessStatusCode, await partial.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var afterPartial = await partial.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal((HttpStatusCode.OK, "APPROVED", 4_000L), (partial.StatusCode, afterPartial.Status(), afterPartial.GetProperty("cancelledAmount").GetInt64()));
        var afterRest = await rest.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal((HttpStatusCode.OK, "CANCELLED", 34_000L), (rest.StatusCode, afterRest.Status(), afterRest.GetProperty("cancelledAmount").GetInt64()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        var paymentId = afterRest.GetProperty("id").GetGuid();
        var atAcquirer = await pipeline.Acquirer.CreateClient().GetFromJsonAsync<JsonElement>($"/v1/approvals/{paymentId}", TestContext.Current.CancellationToken);
        Assert.Equal(("CANCELLED", 34_000L), (atAcquirer.GetProperty("status").GetString(), atAcquirer.GetProperty("cancelledAmount").GetInt64()));
        await using var db = pipeline.Infrastructure.CreateDbContext();
        Assert.Equal(2, await db.OutboxMessages.CountAsync(m => m.MessageKey == paymentId.ToString() && m.Topic == Topics.PaymentCancelled, TestContext.Current.CancellationToken));
        Assert.Equal("CANCELLED", (await client.GetFromJsonAsync<JsonElement>(location, TestContext.Current.CancellationToken)).Status());
        Assert.Single(await merchant.PaymentsAsync(pipeline.Infrastructure));
    }

    [Fact]
    public async Task A_repeated_cancel_replays_and_cancels_once()
    {
        var (_, client, location) = await ApprovedPaymentAsync(10_000);

        using var first = await client.CancelAsync(location, new { amount = 3_000, reason = "partial" }, "cancel-once");
        using var replay = await client.CancelAsync(location, new { amount = 3_000, reason = "partial" }, "cancel-once");
        using var mismatch = await client.CancelAsync(location, new { amount = 2_000, reason = "partial" }, "cancel-once");

        Assert.Equal(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await replay.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mismatch.StatusCode);
        Assert.Equal(3_000, (await client.GetFromJsonAsync<JsonElement>(location, TestContext.Current.CancellationToken)).GetProperty("cancelledAmount").GetInt64());
    }

    [Fact]
    public async Task Cancelling_more_than_remains_is_422_and_changes_nothing()
    {
        var (_, client, location) = await ApprovedPaymentAsync(10_000);
        using var partial = await client.CancelAsync(location, new { amount = 6_000, reason = "partial" }, "cancel-a");

        using var tooMuch = await client.CancelAsync(location, new { amount = 4_001, reason = "too much" }, "cancel-b");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        Assert.Equal("application/problem+json", tooMuch.Content.Headers.ContentType?.MediaType);
        Assert.Equal(6_000, (await client.GetFromJsonAsync<JsonElement>(location, TestContext.Current.CancellationToken)).GetProperty("cancelledAmount").GetInt64());
    }

    [Fact]
    public async Task Another_merchants_payment_cannot_be_cancelled_and_is_not_found()
    {
        var (_, _, location) = await ApprovedPaymentAsync(10_000);
        var stranger = await TestMerchant.CreateAsync(pipeline.Infrastructure);

        using var response = await stranger.Client(pipeline.Api).CancelAsync(location, new { reason = "not mine" }, "cancel-stranger");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_payment_not_approved_yet_cannot_be_cancelled()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var (payment, _) = await DirectPayments.CreateWithoutEventAsync(pipeline.Infrastructure, merchant);

        using var response = await merchant.Client(pipeline.Api).CancelAsync(new Uri($"/api/v1/payments/{payment.Id}", UriKind.Relative), new { reason = "too early" }, "cancel-early");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"amount":1000}""")]
    [InlineData("""{"amount":0,"reason":"zero"}""")]
    [InlineData("""{"amount":1.5,"reason":"fraction"}""")]
    public async Task An_invalid_cancel_body_is_400(string body)
    {
        var (_, client, location) = await ApprovedPaymentAsync(10_000);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{location}/cancel") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", "cancel-bad");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>(location, TestContext.Current.CancellationToken)).GetProperty("cancelledAmount").GetInt64());
    }

    [Fact]
    public async Task Concurrent_partial_cancels_never_cancel_more_than_the_payment_and_agree_with_the_acquirer()
    {
        var (_, client, location) = await ApprovedPaymentAsync(10_000);
        var keys = Enumerable.Range(0, 6).Select(i => $"concurrent-cancel-{i}").ToList();

        var statuses = new Dictionary<string, HttpStatusCode>();
        for (var round = 0; round < 5 && (round == 0 || statuses.ContainsValue(HttpStatusCode.Conflict)); round++)
        {
            var retry = round == 0 ? keys : statuses.Where(s => s.Value == HttpStatusCode.Conflict).Select(s => s.Key).ToList();
            var responses = await Task.WhenAll(retry.Select(async key =>
            {
                using var response = await client.CancelAsync(location, new { amount = 3_000, reason = "concurrent" }, key);
                return (key, response.StatusCode);
            }));
            foreach (var (key, status) in responses)
            {
                statuses[key] = status;
            }
        }

        Assert.Equal(3, statuses.Values.Count(status => status == HttpStatusCode.OK));
        var ours = await client.GetFromJsonAsync<JsonElement>(location, TestContext.Current.CancellationToken);
        var atAcquirer = await pipeline.Acquirer.CreateClient().GetFromJsonAsync<JsonElement>($"/v1/approvals/{ours.GetProperty("id").GetGuid()}", TestContext.Current.CancellationToken);
        Assert.Equal(9_000, ours.GetProperty("cancelledAmount").GetInt64());
        Assert.Equal(9_000, atAcquirer.GetProperty("cancelledAmount").GetInt64());
    }

    [Fact]
    public async Task Eight_concurrent_partial_cancels_agree_with_the_acquirer_without_any_retry()
    {
        var (_, client, location) = await ApprovedPaymentAsync(10_000);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var response = await client.CancelAsync(location, new { amount = 3_000, reason = "concurrent" }, $"eight-cancels-{i}");
            return response.StatusCode;
        }));

        var ours = await client.GetFromJsonAsync<JsonElement>(location, TestContext.Current.CancellationToken);
        var theirs = await pipeline.Acquirer.CreateClient().GetFromJsonAsync<JsonElement>($"/v1/approvals/{ours.GetProperty("id").GetGuid()}", TestContext.Current.CancellationToken);
        Assert.Equal(3, responses.Count(status => status == HttpStatusCode.OK));
        Assert.All(responses.Where(status => status != HttpStatusCode.OK), status => Assert.Equal(HttpStatusCode.UnprocessableEntity, status));
        Assert.Equal((9_000L, 9_000L), (ours.GetProperty("cancelledAmount").GetInt64(), theirs.GetProperty("cancelledAmount").GetInt64()));
    }

    [Fact]
    public async Task A_cancel_whose_answer_was_lost_in_a_crash_is_finished_by_the_recovery()
    {
        var (_, client, location) = await ApprovedPaymentAsync(10_000);
        var paymentId = new PaymentId((await client.GetFromJsonAsync<JsonElement>(location, TestContext.Current.CancellationToken)).GetProperty("id").GetGuid());
        var cancellationId = Guid.NewGuid();
        await using (var db = pipeline.Infrastructure.CreateDbContext())
        {
            var payment = await db.Payments.SingleAsync(p => p.Id == paymentId, TestContext.Current.CancellationToken);
            payment.ReserveCancellation(cancellationId, new Won(4_000), "crashed", TimeProvider.System.GetUtcNow().AddMinutes(-2));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using (var refunded = await pipeline.Acquirer.CreateClient().PostAsJsonAsync(
            $"/v1/approvals/{paymentId}/cancellations", new { cancellationId, amount = 4_000, reason = "crashed" }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, refunded.StatusCode);
        }

        await pipeline.Api.Services.GetRequiredService<CancellationRecovery>().RecoverAsync(TestContext.Current.CancellationToken);

        await using var after = pipeline.Infrastructure.CreateDbContext();
        var recovered = await after.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId, TestContext.Current.CancellationToken);
        Assert.Equal((4_000L, 0), (recovered.CancelledAmount.Value, recovered.CancellationReservations.Count));
        Assert.Equal(cancellationId, Assert.Single(recovered.Cancellations).Id);
        Assert.Equal(1, await after.OutboxMessages.CountAsync(m => m.MessageKey == paymentId.ToString() && m.Topic == Topics.PaymentCancelled, TestContext.Current.CancellationToken));
        Assert.Equal(4_000, (await client.GetFromJsonAsync<JsonElement>(location, TestContext.Current.CancellationToken)).GetProperty("cancelledAmount").GetInt64());
    }

    [Fact]
    public async Task A_cancel_the_acquirer_did_not_answer_is_held_and_the_merchants_retry_finishes_it_once()
    {
        var (merchant, _, location) = await ApprovedPaymentAsync(10_000);
        await using var outage = await AcquirerOutage.StartAsync(pipeline.Acquirer.CreateClient());
        await using var api = new ApiFactory(pipeline.Infrastructure, outage.Address);
        api.StartServer();
        var client = merchant.Client(api);
        outage.IsDown = true;

        using var unanswered = await client.CancelAsync(location, new { amount = 6_000, reason = "returned" }, "held-cancel");
        using var other = await client.CancelAsync(location, new { amount = 5_000, reason = "too much while held" }, "held-other");
        outage.IsDown = false;
        using var retried = await client.CancelAsync(location, new { amount = 6_000, reason = "returned" }, "held-cancel");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unanswered.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var ours = await client.GetFromJsonAsync<JsonElement>(location, TestContext.Current.CancellationToken);
        var theirs = await pipeline.Acquirer.CreateClient().GetFromJsonAsync<JsonElement>($"/v1/approvals/{ours.GetProperty("id").GetGuid()}", TestContext.Current.CancellationToken);
        Assert.Equal((6_000L, 6_000L), (ours.GetProperty("cancelledAmount").GetInt64(), theirs.GetProperty("cancelledAmount").GetInt64()));
    }

    [Fact]
    public async Task A_cancel_reason_with_a_control_character_is_400()
    {
        var (_, client, location) = await ApprovedPaymentAsync(10_000);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{location}/cancel")
        {
            Content = new StringContent("""{"reason":"bad\u0000reason"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "cancel-nul");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>(location, TestContext.Current.CancellationToken)).GetProperty("cancelledAmount").GetInt64());
    }

    private async Task<(TestMerchant Merchant, HttpClient Client, Uri Location)> ApprovedPaymentAsync(long amount)
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var client = merchant.Client(pipeline.Api);
        using var created = await client.PostAsync(PaymentRequests.Valid(amount), $"pay-{Guid.NewGuid():N}");
        var location = created.Headers.Location!;
        Assert.Equal("APPROVED", (await client.WaitUntilSettledAsync(location)).Status());
        return (merchant, client, location);
    }
}
