using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MiniPg.Domain.Webhooks;
using MiniPg.Infrastructure.Persistence;
using MiniPg.Tests.Support;
using static MiniPg.Tests.Api.WebhookEndpointCalls;

namespace MiniPg.Tests.Api;

/// <summary>An endpoint's delivery log, read a page at a time, and manual redelivery; the rows are written with the domain's methods.</summary>
public sealed class WebhookDeliveryLogTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task The_log_pages_newest_first_with_each_deliverys_attempts()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var endpoint = await infrastructure.InsertDisabledEndpointAsync(merchant);
        var oldest = await infrastructure.InsertDeliveryAsync(endpoint, Start, 200);
        var retried = await infrastructure.InsertDeliveryAsync(endpoint, Start.AddMinutes(1), 503, null, 204);
        var waiting = await infrastructure.InsertDeliveryAsync(endpoint, Start.AddMinutes(2));
        var sameInstant = await infrastructure.InsertDeliveryAsync(endpoint, Start.AddMinutes(3), 500);
        var newest = await infrastructure.InsertDeliveryAsync(endpoint, Start.AddMinutes(3), 201);
        Guid[] newestFirst = [.. new[] { newest, sameInstant }.OrderByDescending(d => d.Id).Select(d => d.Id), waiting.Id, retried.Id, oldest.Id];
        var client = merchant.Client(infrastructure.Api);

        var pages = new List<JsonElement>();
        string? cursor = null;
        do
        {
            using var response = await client.GetAsync($"{EndpointsPath}/{endpoint.Id}/deliveries?limit=2{(cursor is null ? string.Empty : $"&cursor={cursor}")}", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.JsonAsync();
            pages.Add(page);
            cursor = page.GetProperty("nextCursor").GetString();
            Assert.Equal(cursor is not null, page.GetProperty("hasMore").GetBoolean());
        }
        while (cursor is not null && pages.Count < 10);

        Assert.Equal([2, 2, 1], pages.Select(page => page.GetProperty("data").GetArrayLength()));
        var deliveries = pages.SelectMany(page => page.GetProperty("data").EnumerateArray()).ToList();
        Assert.Equal(newestFirst, deliveries.Select(delivery => delivery.GetProperty("id").GetGuid()));
        var retriedRead = deliveries.Single(delivery => delivery.GetProperty("id").GetGuid() == retried.Id);
        Assert.Equal(
            ("DELIVERED", 3, 204, retried.EventId, retried.PaymentId.Value, WebhookEventTypes.PaymentCompleted),
            (retriedRead.GetProperty("status").GetString(), retriedRead.GetProperty("attemptCount").GetInt32(), retriedRead.GetProperty("lastStatusCode").GetInt32(),
                retriedRead.GetProperty("eventId").GetGuid(), retriedRead.GetProperty("paymentId").GetGuid(), retriedRead.GetProperty("eventType").GetString()));
        Assert.Equal(retried.DeliveredAt, retriedRead.GetProperty("deliveredAt").GetDateTimeOffset());
        var attempts = retriedRead.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], attempts.Select(attempt => attempt.GetProperty("number").GetInt32()));
        Assert.Equal(
            (503, JsonValueKind.Null, "connection refused", 204),
            (attempts[0].GetProperty("statusCode").GetInt32(), attempts[1].GetProperty("statusCode").ValueKind, attempts[1].GetProperty("error").GetString(),
                attempts[2].GetProperty("statusCode").GetInt32()));
        Assert.Equal((Start.AddMinutes(2), 120), (attempts[1].GetProperty("attemptedAt").GetDateTimeOffset(), attempts[1].GetProperty("durationMs").GetInt32()));
        var waitingRead = deliveries.Single(delivery => delivery.GetProperty("id").GetGuid() == waiting.Id);
        Assert.Equal(("PENDING", 0, Start.AddMinutes(2)), (waitingRead.GetProperty("status").GetString(), waitingRead.GetProperty("attempts").GetArrayLength(),
            waitingRead.GetProperty("nextAttemptAt").GetDateTimeOffset()));
    }

    [Fact]
    public async Task The_status_filter_keeps_only_deliveries_in_that_status()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var endpoint = await infrastructure.InsertDisabledEndpointAsync(merchant);
        var failed = await infrastructure.InsertDeliveryAsync(endpoint, Start, new WebhookRetrySchedule([]), 500);
        await infrastructure.InsertDeliveryAsync(endpoint, Start.AddMinutes(1), 200);
        await infrastructure.InsertDeliveryAsync(endpoint, Start.AddMinutes(2));

        using var response = await merchant.Client(infrastructure.Api).GetAsync($"{EndpointsPath}/{endpoint.Id}/deliveries?status=FAILED", TestContext.Current.CancellationToken);

        var page = await response.JsonAsync();
        var only = Assert.Single(page.GetProperty("data").EnumerateArray());
        Assert.Equal((failed.Id, "FAILED", false), (only.GetProperty("id").GetGuid(), only.GetProperty("status").GetString(), page.GetProperty("hasMore").GetBoolean()));
    }

    [Theory]
    [InlineData("status=DONE", "status")]
    [InlineData("status=failed", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "cursor")]
    public async Task A_bad_parameter_is_a_400_naming_it(string query, string parameter)
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var endpoint = await infrastructure.InsertDisabledEndpointAsync(merchant);

        using var response = await merchant.Client(infrastructure.Api).GetAsync($"{EndpointsPath}/{endpoint.Id}/deliveries?{query}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(parameter, out _), $"{query}: no error for {parameter}");
    }

    [Fact]
    public async Task A_failed_delivery_redelivered_is_pending_now_with_the_same_event()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var endpoint = await infrastructure.InsertDisabledEndpointAsync(merchant);
        var failed = await infrastructure.InsertDeliveryAsync(endpoint, Start, new WebhookRetrySchedule([TimeSpan.FromSeconds(10)]), 500, null);
        var before = TimeProvider.System.GetUtcNow();

        using var response = await merchant.Client(infrastructure.Api)
            .PostAsync($"{EndpointsPath}/{endpoint.Id}/deliveries/{failed.Id}/redeliver", null, TestContext.Current.CancellationToken);

        var after = TimeProvider.System.GetUtcNow();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(("PENDING", failed.EventId, 2), (body.GetProperty("status").GetString(), body.GetProperty("eventId").GetGuid(), body.GetProperty("attempts").GetArrayLength()));
        Assert.InRange(body.GetProperty("nextAttemptAt").GetDateTimeOffset(), before.AddMilliseconds(-1), after);
        var row = await infrastructure.DeliveryAsync(failed.Id);
        Assert.Equal((WebhookDeliveryStatus.Pending, 0, 2, failed.EventId, failed.Payload), (row.Status, row.FailedInRow, row.AttemptCount, row.EventId, row.Payload));
        Assert.Equal(body.GetProperty("nextAttemptAt").GetDateTimeOffset(), row.NextAttemptAt);
    }

    [Fact]
    public async Task A_delivery_of_a_deleted_endpoint_cannot_be_redelivered()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        var id = await client.CreatedEndpointAsync();
        var endpoint = await infrastructure.DisableAsync(id);
        var failed = await infrastructure.InsertDeliveryAsync(endpoint, Start, new WebhookRetrySchedule([]), 500);
        using var deleted = await client.DeleteAsync($"{EndpointsPath}/{id}", TestContext.Current.CancellationToken);

        using var response = await client.PostAsync($"{EndpointsPath}/{id}/deliveries/{failed.Id}/redeliver", null, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (deleted.StatusCode, response.StatusCode));
        Assert.Equal(WebhookDeliveryStatus.Failed, (await infrastructure.DeliveryAsync(failed.Id)).Status);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("01a210be-f8a3-7b76-8f4c-fa02a1ac5e0a")]
    public async Task An_unknown_delivery_or_one_of_another_endpoint_is_404(string deliveryId)
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var endpoint = await infrastructure.InsertDisabledEndpointAsync(merchant);
        var other = await infrastructure.InsertDisabledEndpointAsync(merchant);
        var delivery = await infrastructure.InsertDeliveryAsync(other, Start, new WebhookRetrySchedule([]), 500);
        var client = merchant.Client(infrastructure.Api);

        using var unknown = await client.PostAsync($"{EndpointsPath}/{endpoint.Id}/deliveries/{deliveryId}/redeliver", null, TestContext.Current.CancellationToken);
        using var wrongEndpoint = await client.PostAsync($"{EndpointsPath}/{endpoint.Id}/deliveries/{delivery.Id}/redeliver", null, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (unknown.StatusCode, wrongEndpoint.StatusCode));
        Assert.Equal(WebhookDeliveryStatus.Failed, (await infrastructure.DeliveryAsync(delivery.Id)).Status);
    }

    [Fact]
    public async Task A_redelivery_that_races_the_sender_once_is_read_again_and_saved()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var endpoint = await infrastructure.InsertDisabledEndpointAsync(merchant);
        var failed = await infrastructure.InsertDeliveryAsync(endpoint, Start, new WebhookRetrySchedule([]), 500);
        await using var api = ApiWhereTheSenderRecordsAnAttemptBeforeEachSave(infrastructure, failed.Id, races: 1);

        using var response = await merchant.Client(api).PostAsync($"{EndpointsPath}/{endpoint.Id}/deliveries/{failed.Id}/redeliver", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(("PENDING", 2), (body.GetProperty("status").GetString(), body.GetProperty("attemptCount").GetInt32()));
        var row = await infrastructure.DeliveryAsync(failed.Id);
        Assert.Equal((WebhookDeliveryStatus.Pending, 2, 2), (row.Status, row.AttemptCount, row.Attempts.Count));
    }

    [Fact]
    public async Task A_redelivery_that_races_the_sender_twice_is_a_409_to_try_again()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var endpoint = await infrastructure.InsertDisabledEndpointAsync(merchant);
        var failed = await infrastructure.InsertDeliveryAsync(endpoint, Start, new WebhookRetrySchedule([]), 500);
        await using var api = ApiWhereTheSenderRecordsAnAttemptBeforeEachSave(infrastructure, failed.Id, races: 2);

        using var response = await merchant.Client(api).PostAsync($"{EndpointsPath}/{endpoint.Id}/deliveries/{failed.Id}/redeliver", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("again", (await response.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var row = await infrastructure.DeliveryAsync(failed.Id);
        Assert.Equal((WebhookDeliveryStatus.Failed, 3), (row.Status, row.AttemptCount));
    }

    /// <summary>
    /// An Api in which, just before each of the first <paramref name="races"/> saves of the delivery, the sender records an
    /// attempt of it (as <c>MiniPg.Webhooks</c> would, bumping its revision) from a connection of its own.
    /// </summary>
    private static ApiFactory ApiWhereTheSenderRecordsAnAttemptBeforeEachSave(InfrastructureFixture infrastructure, Guid deliveryId, int races) =>
        new(infrastructure, ApiFactory.NoAcquirer, builder => builder.ConfigureTestServices(services => services.ConfigureDbContext<MiniPgDbContext>(
            options => options.AddInterceptors(new SenderRecordsFirst(infrastructure, deliveryId, races)))));

    private sealed class SenderRecordsFirst(InfrastructureFixture infrastructure, Guid deliveryId, int races) : SaveChangesInterceptor
    {
        private int _raced;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var saving = eventData.Context!.ChangeTracker.Entries<WebhookDelivery>().Any(entry => entry.Entity.Id == deliveryId && entry.State == EntityState.Modified);
            if (saving && Interlocked.Increment(ref _raced) <= races)
            {
                await using var sender = infrastructure.CreateDbContext();
                var delivery = await sender.WebhookDeliveries.SingleAsync(d => d.Id == deliveryId, cancellationToken);
                delivery.RecordAttempt(TimeProvider.System.GetUtcNow(), TimeSpan.FromMilliseconds(5), 500, null, WebhookRetrySchedule.Default);
                await sender.SaveChangesAsync(cancellationToken);
            }

            return result;
        }
    }
}
