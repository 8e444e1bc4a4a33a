
namespace MiniPg.Settlement.Reconciliation;

public static class ReconciliationRegistration
{
    /// <summary>
    /// Registers <see cref="ReconciliationRunner"/>; the host also needs the database, the acquirer client and a
    /// <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddReconciliation(this IServiceCollection services) => services.AddScoped<ReconciliationRunner>();
}
