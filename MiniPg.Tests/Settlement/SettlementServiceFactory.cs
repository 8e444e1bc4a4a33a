using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Settlement;

/// <summary>
/// The real Settlement service (its operator interface and its schedule) against the fixture's database, in the
/// <c>Testing</c> environment unless a test asks for another one.
/// </summary>
public sealed class SettlementServiceFactory(
    InfrastructureFixture infrastructure,
    bool allowOpenDay,
    Uri? acquirer = null,
    TimeProvider? time = null,
    string? schedule = null,
    string environment = "Testing") : WebApplicationFactory<MiniPg.Settlement.Program>
{
    public const string OperatorKey = InfrastructureFixture.OperatorKey;

    /// <summary>A client that presents the operator key.</summary>
    public HttpClient CreateOperatorClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        infrastructure.ApplyServiceSettings(builder, acquirer ?? ApiFactory.NoAcquirer);
        builder.UseSetting("Settlement:AllowOpenDay", allowOpenDay ? "true" : "false");
        if (schedule is not null)
        {
            builder.UseSetting("Settlement:Schedule", schedule);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (time is not null)
        {
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(time)));
        }
    }
}
