using MiniPg.Infrastructure.Acquiring;
using MiniPg.Infrastructure.Caching;
using MiniPg.Infrastructure.Persistence;
using MiniPg.Settlement.Reconciliation;
using MiniPg.Settlement.Runs;

namespace MiniPg.Settlement;

public static class SettlementRegistration
{
    /// <summary>
    /// What settling and reconciling need, for the service and its command-line verbs alike: the database, Redis (a
    /// settled payment's cached resource is refreshed), the acquirer client (its transaction file, ghost voids), and both
    /// runners. The host also needs a <see cref="TimeProvider"/>.
    /// </summary>
    public static IHostApplicationBuilder AddSettlementRunners(this IHostApplicationBuilder builder)
    {
        builder.AddMiniPgDatabase();
        builder.AddMiniPgRedis();
        builder.AddAcquirerClient();
        builder.Services.AddSingleton<PaymentResourceCache>();
        builder.Services.AddScoped<SettlementRunner>();
        builder.Services.AddScoped<ReconciliationRunner>();
        return builder;
    }
}
