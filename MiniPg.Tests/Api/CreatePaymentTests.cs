using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniPg.Domain.Events;
using MiniPg.Domain.Payments;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Api;

public sealed class CreatePaymentTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_valid_request_is_accepted_as_requested_with_its_location()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);

        using var response = await merchant.Client(infrastructure.Api).PostAsync(PaymentRequests.Valid(15_000), "key-1");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("REQUESTED", body.GetProperty("status").GetString());
        Assert.Equal(15_000, body.GetProperty("amount").GetInt64());
        Assert.Equal("KRW", body.GetProperty("currency").GetString());
        Assert.Equal("4242", body.GetProperty("card").GetProperty("last4").GetString());
        Assert.Equal("VISA", body.GetProperty("card").GetProperty("brand").GetString());
        Assert.Equal($"/api/v1/payments/{body.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        Assert.False(response.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task The_payment_and_its_requested_event_are_stored_together_without_the_card_number()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);

        using var response = await merchant.Client(infrastructure.Api).PostAsync(PaymentRequests.Valid(34_000, "order-outbox"), "key-outbox");

        var payment = Assert.Single(await merchant.PaymentsAsync(infrastructure));
        Assert.Equal((PaymentStatus.Requested, 34_000L, "424242", "4242"), (payment.Status, payment.Amount.Value, payment.Card.Bin, payment.Card.Last4));
        await using var db = infrastructure.CreateDbContext();
        var outbox = await db.OutboxMessages.AsNoTracking().SingleAsync(message => message.MessageKey == payment.Id.ToString(), TestContext.Current.CancellationToken);
        Assert.Equal(Topics.PaymentRequested, outbox.Topic);
        var requested = EventSerializer.Deserialize<PaymentRequested>(outbox.Payload);
        Assert.Equal((payment.Id.Value, merchant.Id.Value, 34_000L, "order-outbox"), (requested.PaymentId, requested.MerchantId, requested.Amount, requested.OrderId));
        Assert.DoesNotContain("4242424242424242", outbox.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("4242424242424242", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_card_number_is_stored_anywhere_in_the_database()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        using var response = await merchant.Client(infrastructure.Api).PostAsync(PaymentRequests.Valid(), "key-pan");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        await using var db = infrastructure.CreateDbContext();
        var hits = await db.Database.SqlQueryRaw<long>(
            """
            SELECT count(*) AS "Value" FROM (
              SELECT p::text AS row FROM payments p
              UNION ALL SELECT o::text FROM outbox o
              UNION ALL SELECT convert_from(i.response_body, 'UTF8') || i::text FROM idempotency_records i) AS everything
            WHERE row LIKE '%4242424242424242%'
            """).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, hits);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sk_test_not_a_merchant")]
    public async Task A_missing_or_unknown_key_is_401_and_changes_nothing(string? apiKey)
    {
        var client = infrastructure.Api.CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }

        using var response = await client.PostAsync(PaymentRequests.Valid(), "key-auth");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
