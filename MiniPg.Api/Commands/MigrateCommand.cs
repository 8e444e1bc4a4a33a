using MiniPg.Infrastructure.Hosting;
using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Api.Commands;

/// <summary>
/// <c>MiniPg.Api migrate</c>: the one-shot job the AppHost runs (and waits for) before any service starts. It applies
/// the EF Core migrations and, in Development, seeds the demo merchants, then exits 0.
/// </summary>
public static class MigrateCommand
{
    public const string Verb = "migrate";

    public static Task<int> RunAsync(string[] args) =>
        CommandLineHost.RunAsync(
            args,
            builder => builder.AddMiniPgDatabase(),
            async (services, environment) =>
            {
                var db = services.GetRequiredService<MiniPgDbContext>();
                await DatabaseSetup.MigrateAsync(db, seedDemoMerchants: environment.IsDevelopment(), TimeProvider.System, CancellationToken.None);
                return 0;
            });
}
