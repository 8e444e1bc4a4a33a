using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MiniPg.Core.Persistence;

public static class DatabaseRegistration
{
    /// <summary>Registers <see cref="MiniPgDbContext"/> on <c>ConnectionStrings:minipg</c> and a readiness check.</summary>
    public static IHostApplicationBuilder AddMiniPgDatabase(this IHostApplicationBuilder builder)
    {
        ConnectionStringOptions.Register(builder.Services, ResourceNames.Database);
        // Options built once, not per request scope: the connection string is parsed (and its pool limited) once.
        builder.Services.AddDbContext<MiniPgDbContext>(
            (services, options) => options.UseMiniPgNpgsql(ConnectionStringOptions.Get(services, ResourceNames.Database)),
            optionsLifetime: ServiceLifetime.Singleton);
        builder.Services.AddHealthChecks().AddDbContextCheck<MiniPgDbContext>(ResourceNames.Database);
        return builder;
    }
}
