using MiniPg.Infrastructure.Persistence;

namespace MiniPg.Api.Infrastructure;

/// <summary>
/// <c>MiniPg.Api migrate</c>: the one-shot job the AppHost runs (and waits for) before any service starts. It applies
/// the EF Core migrations and, in Development, seeds the demo merchants, then exits 0.
/// </summary>
public static class MigrateCommand
{
    public const string Verb = "migrate";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.AddMiniPgDatabase();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MiniPgDbContext>();
        await DatabaseSetup.MigrateAsync(db, seedDemoMerchants: builder.Environment.IsDevelopment(), TimeProvider.System, CancellationToken.None);
        return 0;
    }
}
