using System.Net;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Pipeline;

[Collection(nameof(PipelineTests))]
public sealed class TestCardTests(PipelineFixture pipeline)
{
    [Theory]
    [InlineData(TestCards.Approved, "APPROVED", null)]
    [InlineData(TestCards.Declined, "FAILED", "card_declined")]
    [InlineData(TestCards.InsufficientFunds, "FAILED", "insufficient_funds")]
    [InlineData(TestCards.TransientFailureThenApproved, "APPROVED", null)]
    [InlineData(TestCards.TimeoutButApproved, "APPROVED", null)]
    public async Task Each_test_card_reaches_its_documented_state_end_to_end(string card, string status, string? failureCode)
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var client = merchant.Client(pipeline.Api);

        using var created = await client.PostAsync(PaymentRequests.Valid(34_000, cardNumber: card), $"key-{card}");
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var payment = await client.WaitUntilSettledAsync(created.Headers.Location!);

        Assert.Equal(status, payment.Status());
        Assert.Equal(failureCode, failureCode is null ? null : payment.GetProperty("failure").GetProperty("code").GetString());
        var stored = Assert.Single(await merchant.PaymentsAsync(pipeline.Infrastructure));
        Assert.Equal(status, MiniPg.Domain.WireNames.Of(stored.Status));
        if (status == "APPROVED")
        {
            Assert.NotNull(stored.AcquirerTransactionId);
            Assert.NotEqual(JsonValueKindNull, payment.GetProperty("approvedAt").ValueKind);
        }
    }

    [Fact]
    public async Task The_card_leaves_the_vault_once_the_acquirer_has_answered()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var client = merchant.Client(pipeline.Api);

        using var created = await client.PostAsync(PaymentRequests.Valid(), "key-vault");
        await client.WaitUntilSettledAsync(created.Headers.Location!);

        var payment = Assert.Single(await merchant.PaymentsAsync(pipeline.Infrastructure));
        await using var db = pipeline.Infrastructure.CreateDbContext();
        Assert.False(db.VaultedCards.Any(card => card.Token == payment.Card.Token));
    }

    [Fact]
    public async Task A_burst_of_two_hundred_payments_all_end_approved()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var client = merchant.Client(pipeline.Api);

        var locations = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            using var created = await client.PostAsync(PaymentRequests.Valid(1_000 + i, $"burst-{i}"), $"burst-{i}");
            Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
            return created.Headers.Location!;
        }));
        var statuses = await Task.WhenAll(locations.Select(location => client.WaitUntilSettledAsync(location, seconds: 120)));

        Assert.All(statuses, payment => Assert.Equal("APPROVED", payment.Status()));
        Assert.Equal(200, (await merchant.PaymentsAsync(pipeline.Infrastructure)).Count(p => p.Status == MiniPg.Domain.Payments.PaymentStatus.Approved));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
