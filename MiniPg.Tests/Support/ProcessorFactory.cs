using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MiniPg.Infrastructure.Acquiring;

namespace MiniPg.Tests.Support;

/// <summary>The real Processor, consuming from the fixture's Kafka and calling the test acquirer, with short retry delays.</summary>
public sealed class ProcessorFactory(
    InfrastructureFixture infrastructure,
    Uri acquirer,
    Func<IAcquirerClient, IAcquirerClient>? decorateAcquirer = null,
    IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<MiniPg.Processor.Program>
{
    public const int MaxAttempts = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        infrastructure.ApplyServiceSettings(builder, acquirer);
        builder.UseSetting("Processor:MaxAttempts", MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Processor:RetryDelay", "00:00:00.200");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (decorateAcquirer is not null)
        {
            builder.ConfigureTestServices(services =>
            {
                var original = services.Last(descriptor => descriptor.ServiceType == typeof(IAcquirerClient));
                services.Remove(original);
                services.AddTransient(provider => decorateAcquirer((IAcquirerClient)original.ImplementationFactory!(provider)));
            });
        }
    }
}
