using System.Net;
using System.Text.Json;
using MiniPg.Domain.Webhooks;
using MiniPg.Tests.Support;
using static MiniPg.Tests.Api.WebhookEndpointCalls;

namespace MiniPg.Tests.Api;

/// <summary>
/// Registering, reading, changing and deleting webhook endpoints. The shared Api runs as "Testing", not Development, so
/// loopback URLs are refused there as in production; one test starts an Api that allows them.
/// </summary>
public sealed class WebhookEndpointTests(InfrastructureFixture infrastructure)
{
    public static TheoryData<string, string> RefusedUrls => new()
    {
        { "http://169.254.169.254/latest/meta-data/", "private, link-local or reserved" },
        { "http://10.0.0.1/", "private, link-local or reserved" },
        { "http://192.168.1.1/", "private, link-local or reserved" },
        { "http://[::ffff:10.0.0.1]/webhooks", "private, link-local or reserved" },
        { "http://[::1]/", "Loopback" },
        { "http://127.0.0.1:5084/webhooks", "Loopback" },
        { "http://localhost:5084/webhooks", "localhost resolves to" },
        { "ftp://93.184.215.14/webhooks", "Only http and https" },
        { "https://user:secret@93.184.215.14/webhooks", "credentials" },
        { "https://hooks.example.invalid/webhooks", "could not be resolved" },
        { "not a url", "absolute http or https URL" },
    };

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "an unknown event type", $$"""{"url":"{{PublicUrl}}","eventTypes":["payment.refunded"]}""", "eventTypes" },
        { "an empty list of event types", $$"""{"url":"{{PublicUrl}}","eventTypes":[]}""", "eventTypes" },
        { "a null event type", $$"""{"url":"{{PublicUrl}}","eventTypes":[null]}""", "eventTypes" },
        { "no url", """{"eventTypes":["payment.completed"]}""", "url" },
        { "an empty url", """{"url":""}""", "url" },
        { "a description of 201 characters", $$"""{"url":"{{PublicUrl}}","description":"{{new string('d', 201)}}"}""", "description" },
        { "a line feed in the description", $$"""{"url":"{{PublicUrl}}","description":"shop\nnotifications"}""", "description" },
    };

    [Fact]
    public async Task Creating_an_endpoint_answers_201_with_its_secret_which_no_read_shows_again()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);

        using var created = await client.CreateEndpointAsync(new { url = PublicUrl, description = "order system" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"{EndpointsPath}/{id}", created.Headers.Location?.ToString());
        Assert.StartsWith(WebhookSecret.Prefix, body.GetProperty("secret").GetString(), StringComparison.Ordinal);
        Assert.Equal(WebhookEventTypes.All, Strings(body.GetProperty("eventTypes")));
        Assert.Equal((PublicUrl, "order system", true), (body.GetProperty("url").GetString(), body.GetProperty("description").GetString(), body.GetProperty("enabled").GetBoolean()));
        var row = Assert.Single(await infrastructure.EndpointsAsync(merchant));
        Assert.Equal((id, body.GetProperty("secret").GetString()), (row.Id, row.Secret));

        using var read = await client.GetAsync(created.Headers.Location, TestContext.Current.CancellationToken);
        using var list = await client.GetAsync(EndpointsPath, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (read.StatusCode, list.StatusCode));
        var readBody = await read.JsonAsync();
        Assert.False(readBody.TryGetProperty("secret", out _));
        Assert.Equal(body.GetProperty("createdAt").GetDateTimeOffset(), readBody.GetProperty("createdAt").GetDateTimeOffset());
        var listed = Assert.Single(Items(await list.JsonAsync()));
        Assert.Equal(id, listed.GetProperty("id").GetGuid());
        Assert.False(listed.TryGetProperty("secret", out _));
        Assert.DoesNotContain(row.Secret, await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain(row.Secret, await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_types_can_be_chosen_and_are_kept_once_each()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);

        using var created = await merchant.Client(infrastructure.Api).CreateEndpointAsync(new
        {
            url = PublicUrl,
            eventTypes = new[] { WebhookEventTypes.PaymentFailed, WebhookEventTypes.PaymentCancelled, WebhookEventTypes.PaymentFailed },
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        string[] expected = [WebhookEventTypes.PaymentFailed, WebhookEventTypes.PaymentCancelled];
        Assert.Equal(expected, Strings((await created.JsonAsync()).GetProperty("eventTypes")));
        Assert.Equal(expected, Assert.Single(await infrastructure.EndpointsAsync(merchant)).EventTypes);
    }

    [Theory]
    [MemberData(nameof(RefusedUrls))]
    public async Task A_url_that_could_reach_inside_is_refused_with_the_reason_and_nothing_is_written(string url, string reason)
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);

        using var response = await merchant.Client(infrastructure.Api).CreateEndpointAsync(new { url });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(("Webhook URL refused", 422), (problem.GetProperty("title").GetString(), problem.GetProperty("status").GetInt32()));
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await infrastructure.EndpointsAsync(merchant));
    }

    [Fact]
    public async Task Where_loopback_is_allowed_the_demo_receiver_on_this_machine_is_accepted()
    {
        await using var development = new ApiFactory(infrastructure, ApiFactory.NoAcquirer, builder => builder.UseSetting("Webhooks:AllowLoopback", "true"));
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(development);

        using var demo = await client.CreateEndpointAsync(new { url = "http://localhost:5084/webhooks" });
        using var metadata = await client.CreateEndpointAsync(new { url = "http://169.254.169.254/latest/meta-data/" });

        Assert.Equal(HttpStatusCode.Created, demo.StatusCode);
        Assert.Equal("http://localhost:5084/webhooks", (await demo.JsonAsync()).GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, metadata.StatusCode);
        Assert.Equal("http://localhost:5084/webhooks", Assert.Single(await infrastructure.EndpointsAsync(merchant)).Url);
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_is_a_400_naming_the_field_and_writes_nothing(string description, string body, string field)
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);

        using var response = await merchant.Client(infrastructure.Api).SendJsonAsync(HttpMethod.Post, EndpointsPath, body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{description}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), $"{description}: no error for {field}");
        Assert.Empty(await infrastructure.EndpointsAsync(merchant));
    }

    [Fact]
    public async Task An_unknown_field_is_refused_too()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);

        using var response = await merchant.Client(infrastructure.Api).SendJsonAsync(HttpMethod.Post, EndpointsPath, $$"""{"url":"{{PublicUrl}}","secret":"whsec_mine"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await infrastructure.EndpointsAsync(merchant));
    }

    [Fact]
    public async Task Patch_disables_and_enables_again_and_changes_only_what_it_is_given()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        using var created = await client.CreateEndpointAsync(new { url = PublicUrl, description = "orders" });
        var location = created.Headers.Location!.ToString();

        using var disabled = await client.SendJsonAsync(HttpMethod.Patch, location, """{"enabled":false}""");
        var whileDisabled = Assert.Single(await infrastructure.EndpointsAsync(merchant));
        using var subscribed = await client.SendJsonAsync(HttpMethod.Patch, location, """{"eventTypes":["payment.failed"]}""");
        using var enabled = await client.SendJsonAsync(HttpMethod.Patch, location, """{"enabled":true}""");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (disabled.StatusCode, subscribed.StatusCode, enabled.StatusCode));
        Assert.Equal((false, 3, "orders"), (whileDisabled.Enabled, whileDisabled.EventTypes.Count, whileDisabled.Description));
        var afterSubscribe = await subscribed.JsonAsync();
        Assert.Equal((false, "orders"), (afterSubscribe.GetProperty("enabled").GetBoolean(), afterSubscribe.GetProperty("description").GetString()));
        var final = await enabled.JsonAsync();
        Assert.Equal((true, "orders"), (final.GetProperty("enabled").GetBoolean(), final.GetProperty("description").GetString()));
        Assert.Equal(new[] { WebhookEventTypes.PaymentFailed }, Strings(final.GetProperty("eventTypes")));
        var row = Assert.Single(await infrastructure.EndpointsAsync(merchant));
        Assert.Equal((true, PublicUrl), (row.Enabled, row.Url));
        Assert.Equal(new[] { WebhookEventTypes.PaymentFailed }, row.EventTypes);
    }

    [Fact]
    public async Task Patch_with_an_empty_description_removes_it_and_a_bad_patch_changes_nothing()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        using var created = await client.CreateEndpointAsync(new { url = PublicUrl, description = "orders" });
        var location = created.Headers.Location!.ToString();

        using var bad = await client.SendJsonAsync(HttpMethod.Patch, location, """{"enabled":false,"eventTypes":["payment.requested"]}""");
        using var cleared = await client.SendJsonAsync(HttpMethod.Patch, location, """{"description":""}""");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK), (bad.StatusCode, cleared.StatusCode));
        Assert.Equal(JsonValueKind.Null, (await cleared.JsonAsync()).GetProperty("description").ValueKind);
        var row = Assert.Single(await infrastructure.EndpointsAsync(merchant));
        Assert.Equal((true, 3, (string?)null), (row.Enabled, row.EventTypes.Count, row.Description));
    }

    [Fact]
    public async Task Delete_answers_204_then_the_endpoint_is_404_and_its_pending_delivery_reads_cancelled()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        var id = await client.CreatedEndpointAsync();
        var endpoint = await infrastructure.DisableAsync(id);
        var pending = await infrastructure.InsertDeliveryAsync(endpoint, Start, 503);
        var delivered = await infrastructure.InsertDeliveryAsync(endpoint, Start.AddMinutes(1), 200);

        using var deleted = await client.DeleteAsync($"{EndpointsPath}/{id}", TestContext.Current.CancellationToken);
        using var read = await client.GetAsync($"{EndpointsPath}/{id}", TestContext.Current.CancellationToken);
        using var list = await client.GetAsync(EndpointsPath, TestContext.Current.CancellationToken);
        using var again = await client.DeleteAsync($"{EndpointsPath}/{id}", TestContext.Current.CancellationToken);
        using var patch = await client.SendJsonAsync(HttpMethod.Patch, $"{EndpointsPath}/{id}", """{"enabled":true}""");
        using var log = await client.GetAsync($"{EndpointsPath}/{id}/deliveries", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (read.StatusCode, again.StatusCode, patch.StatusCode));
        Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);
        Assert.Empty(Items(await list.JsonAsync()));
        var row = Assert.Single(await infrastructure.EndpointsAsync(merchant));
        Assert.Equal((false, true), (row.Enabled, row.DeletedAt is not null));
        var cancelled = await infrastructure.DeliveryAsync(pending.Id);
        Assert.Equal((WebhookDeliveryStatus.Cancelled, (DateTimeOffset?)null), (cancelled.Status, cancelled.NextAttemptAt));
        Assert.Equal(WebhookDeliveryStatus.Delivered, (await infrastructure.DeliveryAsync(delivered.Id)).Status);
        Assert.Equal(HttpStatusCode.OK, log.StatusCode);
        Assert.Equal(
            [(delivered.Id, "DELIVERED"), (pending.Id, "CANCELLED")],
            Items(await log.JsonAsync()).Select(delivery => (delivery.GetProperty("id").GetGuid(), delivery.GetProperty("status").GetString())));
    }

    [Fact]
    public async Task A_merchant_has_at_most_16_live_endpoints_and_deleting_one_makes_room()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        var ids = new List<Guid>();
        for (var i = 0; i < 16; i++)
        {
            ids.Add(await client.CreatedEndpointAsync());
        }

        using var seventeenth = await client.CreateEndpointAsync(new { url = PublicUrl });
        using var deleted = await client.DeleteAsync($"{EndpointsPath}/{ids[0]}", TestContext.Current.CancellationToken);
        using var replacement = await client.CreateEndpointAsync(new { url = PublicUrl });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, seventeenth.StatusCode);
        Assert.Equal("Too many webhook endpoints", (await seventeenth.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.Created), (deleted.StatusCode, replacement.StatusCode));
        var rows = await infrastructure.EndpointsAsync(merchant);
        Assert.Equal((17, 16), (rows.Count, rows.Count(row => row.DeletedAt is null)));
    }

    [Fact]
    public async Task Concurrent_creates_never_pass_the_cap()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.CreateEndpointAsync(new { url = PublicUrl })));

        Assert.Equal((16, 4), (responses.Count(r => r.StatusCode == HttpStatusCode.Created), responses.Count(r => r.StatusCode == HttpStatusCode.UnprocessableEntity)));
        Assert.Equal(16, (await infrastructure.EndpointsAsync(merchant)).Count);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Another_merchants_endpoint_and_its_deliveries_are_404_everywhere_and_nothing_changes()
    {
        var owner = await TestMerchant.CreateAsync(infrastructure);
        var stranger = await TestMerchant.CreateAsync(infrastructure);
        var endpoint = await infrastructure.InsertDisabledEndpointAsync(owner);
        var failed = await infrastructure.InsertDeliveryAsync(endpoint, Start, new WebhookRetrySchedule([]), 500);
        var client = stranger.Client(infrastructure.Api);
        var path = $"{EndpointsPath}/{endpoint.Id}";

        HttpResponseMessage[] responses =
        [
            await client.GetAsync(path, TestContext.Current.CancellationToken),
            await client.SendJsonAsync(HttpMethod.Patch, path, """{"enabled":true,"description":"mine now"}"""),
            await client.DeleteAsync(path, TestContext.Current.CancellationToken),
            await client.GetAsync($"{path}/deliveries", TestContext.Current.CancellationToken),
            await client.PostAsync($"{path}/deliveries/{failed.Id}/redeliver", null, TestContext.Current.CancellationToken),
        ];
        using var strangersList = await client.GetAsync(EndpointsPath, TestContext.Current.CancellationToken);

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.NotFound, response.StatusCode));
        Assert.All(responses, response => Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType));
        Assert.Empty(Items(await strangersList.JsonAsync()));
        var row = Assert.Single(await infrastructure.EndpointsAsync(owner));
        Assert.Equal((false, "written by a test", (DateTimeOffset?)null), (row.Enabled, row.Description, row.DeletedAt));
        var delivery = await infrastructure.DeliveryAsync(failed.Id);
        Assert.Equal((WebhookDeliveryStatus.Failed, failed.Revision), (delivery.Status, delivery.Revision));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("01a210be-f8a3-7b76-8f4c-fa02a1ac5e0a")]
    public async Task An_unknown_or_malformed_endpoint_id_is_404(string id)
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);

        using var read = await client.GetAsync($"{EndpointsPath}/{id}", TestContext.Current.CancellationToken);
        using var delete = await client.DeleteAsync($"{EndpointsPath}/{id}", TestContext.Current.CancellationToken);
        using var log = await client.GetAsync($"{EndpointsPath}/{id}/deliveries", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (read.StatusCode, delete.StatusCode, log.StatusCode));
    }

    [Fact]
    public async Task Endpoints_need_the_merchants_key()
    {
        using var response = await infrastructure.Api.CreateClient().GetAsync(EndpointsPath, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetString()!)];

    private static List<JsonElement> Items(JsonElement page) => [.. page.GetProperty("data").EnumerateArray()];
}
