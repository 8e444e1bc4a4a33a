using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using MiniPg.Api.Auth;
using MiniPg.Domain.Merchants;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Api;

public sealed class MerchantKeysTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_known_key_is_answered_from_memory_until_its_lifetime_ends()
    {
        var merchant = await TestMerchant.CreateAsync(infrastructure);
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var keys = new MerchantKeys(clock);
        await using var db = infrastructure.CreateDbContext();
        Assert.Equal(merchant.Id, await keys.FindAsync(ApiKeys.Hash(merchant.ApiKey), db, TestContext.Current.CancellationToken));

        await ReplaceKeyAsync(merchant.Id);
        clock.Advance(MerchantKeys.KnownKeyLifetime - TimeSpan.FromSeconds(1));
        Assert.Equal(merchant.Id, await keys.FindAsync(ApiKeys.Hash(merchant.ApiKey), db, TestContext.Current.CancellationToken));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await keys.FindAsync(ApiKeys.Hash(merchant.ApiKey), db, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_unknown_key_is_asked_again_every_time()
    {
        var keys = new MerchantKeys(new FakeTimeProvider(TimeProvider.System.GetUtcNow()));
        var apiKey = $"sk_test_{Guid.NewGuid():N}";
        await using var db = infrastructure.CreateDbContext();
        Assert.Null(await keys.FindAsync(ApiKeys.Hash(apiKey), db, TestContext.Current.CancellationToken));

        var merchant = Merchant.Create(MerchantId.New(), "Late merchant", apiKey, TimeProvider.System.GetUtcNow());
        db.Merchants.Add(merchant);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        Assert.Equal(merchant.Id, await keys.FindAsync(ApiKeys.Hash(apiKey), db, TestContext.Current.CancellationToken));
    }

    private async Task ReplaceKeyAsync(MerchantId merchantId)
    {
        await using var db = infrastructure.CreateDbContext();
        await db.Merchants.Where(merchant => merchant.Id == merchantId)
            .ExecuteUpdateAsync(set => set.SetProperty(merchant => merchant.ApiKeyHash, ApiKeys.Hash($"sk_test_{Guid.NewGuid():N}")), TestContext.Current.CancellationToken);
    }
}
