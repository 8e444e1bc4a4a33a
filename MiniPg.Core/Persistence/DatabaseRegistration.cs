using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MiniPg.Core.Persistence;

public static class DatabaseRegistration
{
    /// <summary>Registers <see cref="MiniPgDbContext"/> on <c>ConnectionStrings:minipg</c> and a readiness check.</summary>
    public static IHostApplicationBuilder AddMiniPgDatabase(this IHostApplicationBuilder builder)
    {
        ConnectionStringOptions.Register(builder.Services, ResourceNames.Database);
        builder.Services.AddDbContext<MiniPgDbContext>((services, options) =>
            options.UseMiniPgNpgsql(ConnectionStringOptions.Get(services, ResourceNames.Database)));
        builder.Services.AddHealthChecks().AddDbContextCheck<MiniPgDbContext>(ResourceNames.Database);
        return builder;
    }
}
