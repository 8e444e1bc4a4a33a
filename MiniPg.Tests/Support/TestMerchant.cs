using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using MiniPg.Domain.Fees;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Payments;

namespace MiniPg.Tests.Support;

/// <summary>A merchant of a test's own, so tests never see each other's payments or keys.</summary>
public sealed record TestMerchant(MerchantId Id, string ApiKey)
{
    public static async Task<TestMerchant> CreateAsync(InfrastructureFixture infrastructure)
    {
        var apiKey = $"sk_test_{Guid.NewGuid():N}";
        var merchant = Merchant.Create(MerchantId.New(), "Test merchant", apiKey, TimeProvider.System.GetUtcNow());
        await using var db = infrastructure.CreateDbContext();
        db.Merchants.Add(merchant);
        db.FeeContracts.Add(new FeeContract(Guid.CreateVersion7(), merchant.Id, new DateOnly(2026, 1, 1), BasisPoints.Of(230), payoutDelayBusinessDays: 2));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new TestMerchant(merchant.Id, apiKey);
    }

    public HttpClient Client(ApiFactory api)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    public async Task<List<Payment>> PaymentsAsync(InfrastructureFixture infrastructure)
    {
        await using var db = infrastructure.CreateDbContext();
        return await db.Payments.AsNoTracking().Where(payment => payment.MerchantId == Id).ToListAsync(TestContext.Current.CancellationToken);
    }
}
