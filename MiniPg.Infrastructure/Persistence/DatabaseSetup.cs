using Microsoft.EntityFrameworkCore;
using MiniPg.Domain.Merchants;

namespace MiniPg.Infrastructure.Persistence;

/// <summary>What the one-shot <c>migrate</c> job does: apply migrations, then seed the demo merchants in Development.</summary>
public static class DatabaseSetup
{
    public static async Task MigrateAsync(MiniPgDbContext db, bool seedDemoMerchants, TimeProvider time, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (!seedDemoMerchants)
        {
            return;
        }

        var existing = await db.Merchants.Select(merchant => merchant.Id).ToListAsync(cancellationToken);
        foreach (var (id, name, apiKey) in DemoMerchants.All.Where(demo => !existing.Contains(demo.Id)))
        {
            db.Merchants.Add(Merchant.Create(id, name, apiKey, time.GetUtcNowForStorage()));
            db.FeeContracts.Add(DemoMerchants.Contract(id));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
