using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace MiniPg.Tests.Support;

/// <summary>
/// The mock acquirer on a real Kestrel socket against its own database on the fixture's PostgreSQL. No latency, a
/// one-second slow card; tests override any <c>Acquirer:*</c> setting and may bring their own clock. It runs in
/// Development, as under the AppHost, because only there does it map its chaos endpoints (ADR 23); a test may choose
/// another environment. Its clients present the test key, as the gateway does.
/// </summary>
public sealed class AcquirerFactory : WebApplicationFactory<MiniPg.Acquirer.Program>
{
    private readonly InfrastructureFixture _infrastructure;
    private readonly TimeProvider? _time;
    private readonly string _environment;
    private readonly Dictionary<string, string> _settings = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Acquirer:Latency"] = "00:00:00",
        ["Acquirer:SlowCardDelay"] = "00:00:01",
        ["Acquirer:Key"] = InfrastructureFixture.AcquirerKey,
    };

    public AcquirerFactory(InfrastructureFixture infrastructure, TimeProvider? time = null, IReadOnlyDictionary<string, string>? settings = null, string environment = "Development")
    {
        _infrastructure = infrastructure;
        _time = time;
        _environment = environment;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _settings[key] = value;
        }

        // Kestrel without UseKestrel(port): that overload edits the server's addresses after the app has started
        // binding them, which fails now and then ("Addresses cannot be modified after the server has started",
        // dotnet/aspnetcore#67714). The port-0 URL is set as configuration instead, before the app starts.
        UseKestrel();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        builder.UseSetting($"ConnectionStrings:{ResourceNames.AcquirerDatabase}", _infrastructure.AcquirerDatabaseConnectionString);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (_time is not null)
        {
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton(_time)));
        }
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", InfrastructureFixture.AcquirerKey);
    }
}
