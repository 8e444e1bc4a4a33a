using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using MiniPg.Core;

namespace MiniPg.Tests.Infrastructure;

/// <summary>
/// The real API on a real Kestrel socket (so request limits and concurrency behave as in production), wired to the
/// fixture's real PostgreSQL and Redis.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly InfrastructureFixture _infrastructure;
    private readonly TimeProvider? _time;

    public ApiFactory(InfrastructureFixture infrastructure, TimeProvider? time = null)
    {
        _infrastructure = infrastructure;
        _time = time;
        UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting($"ConnectionStrings:{ResourceNames.Database}", _infrastructure.DatabaseConnectionString);
        builder.UseSetting($"ConnectionStrings:{ResourceNames.Redis}", _infrastructure.RedisConnectionString);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (_time is not null)
        {
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton(_time)));
        }
    }
}
