using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using MiniPg.Tests.Infrastructure;

namespace MiniPg.Tests.SettlementRuns;

/// <summary>The real Settlement service (its operator interface) against the fixture's database.</summary>
public sealed class SettlementServiceFactory(InfrastructureFixture infrastructure, bool allowOpenDay, Uri? acquirer = null, TimeProvider? time = null) : WebApplicationFactory<MiniPg.Settlement.Program>
{
    public const string OperatorKey = InfrastructureFixture.OperatorKey;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        infrastructure.ApplyServiceSettings(builder, acquirer ?? ApiFactory.NoAcquirer);
        builder.UseSetting("Settlement:AllowOpenDay", allowOpenDay ? "true" : "false");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (time is not null)
        {
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(time)));
        }
    }
}
