using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace MiniPg.Tests.Support;

/// <summary>
/// The real API on a real Kestrel socket (so request limits and concurrency behave as in production), wired to the
/// fixture's real PostgreSQL, Redis and Kafka, and to the acquirer it is given (through service discovery).
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    /// <summary>Nothing listens here: the shared API never needs the acquirer (only cancels do, in the pipeline tests).</summary>
    public static readonly Uri NoAcquirer = new("http://127.0.0.1:9");

    private readonly InfrastructureFixture _infrastructure;
    private readonly Uri _acquirer;
    private readonly Action<IWebHostBuilder>? _configure;

    /// <summary>The API against <paramref name="acquirer"/>, with anything a test changes on top (settings, a fault, a shutdown timeout).</summary>
    public ApiFactory(InfrastructureFixture infrastructure, Uri acquirer, Action<IWebHostBuilder>? configure = null)
    {
        _infrastructure = infrastructure;
        _acquirer = acquirer;
        _configure = configure;
        // Port 0 comes from configuration, not UseKestrel(port), which races the app's own bind (see AcquirerFactory).
        UseKestrel();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        _infrastructure.ApplyServiceSettings(builder, _acquirer);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        _configure?.Invoke(builder);
    }
}
