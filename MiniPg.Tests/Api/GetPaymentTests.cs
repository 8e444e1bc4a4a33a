using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MiniPg.Infrastructure.Caching;
using MiniPg.Tests.Support;
using StackExchange.Redis;

namespace MiniPg.Tests.Api;

public sealed class GetPaymentTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_merchant_reads_its_payment_as_created()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        using var created = await client.PostAsync(PaymentRequests.Valid(34_000, "order-get"), "key-get");

        using var read = await client.GetAsync(created.Headers.Location, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var payment = await read.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(("REQUESTED", 34_000L, "order-get", 0L), (payment.GetProperty("status").GetString(), payment.GetProperty("amount").GetInt64(),
            payment.GetProperty("orderId").GetString(), payment.GetProperty("cancelledAmount").GetInt64()));
        Assert.Equal(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_database_copy_reads_the_same_as_the_cached_one()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var client = merchant.Client(infrastructure.Api);
        using var created = await client.PostAsync(PaymentRequests.Valid(), "key-cache");
        var payment = Assert.Single(await merchant.PaymentsAsync(infrastructure));
        var redis = infrastructure.Api.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        Assert.True(await redis.KeyExistsAsync(CacheKeys.Payment(merchant.Id, payment.Id)), "creating a payment caches it");
        await redis.KeyDeleteAsync(CacheKeys.Payment(merchant.Id, payment.Id));

        using var read = await client.GetAsync(created.Headers.Location, TestContext.Current.CancellationToken);

        Assert.Equal(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await read.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(await redis.KeyExistsAsync(CacheKeys.Payment(merchant.Id, payment.Id)), "a read after a miss caches it again");
    }

    [Fact]
    public async Task Another_merchants_payment_is_not_found_rather_than_forbidden()
    {
        var owner = await TestMerchant.CreateAsync(infrastructure);
        var stranger = await TestMerchant.CreateAsync(infrastructure);
        using var created = await owner.Client(infrastructure.Api).PostAsync(PaymentRequests.Valid(), "key-owner");

        using var read = await stranger.Client(infrastructure.Api).GetAsync(created.Headers.Location, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("01a210be-f8a3-7b76-8f4c-fa02a1ac5e0a")]
    public async Task An_unknown_payment_is_404(string id)
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);

        using var read = await merchant.Client(infrastructure.Api).GetAsync($"/api/v1/payments/{id}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Reading_needs_the_merchants_key()
    {
        using var read = await infrastructure.Api.CreateClient().GetAsync($"/api/v1/payments/{Guid.NewGuid()}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
    }
}
