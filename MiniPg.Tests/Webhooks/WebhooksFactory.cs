using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Webhooks;

[CollectionDefinition(nameof(WebhookSending), DisableParallelization = true)]
public sealed class WebhookSending;

/// <summary>
/// The real Webhooks service, consuming the fixture's Kafka and sending from its PostgreSQL, with a retry schedule of
/// seconds and loopback allowed (the receivers are in-test Kestrel apps on 127.0.0.1).
/// </summary>
/// <remarks>
/// Every test of <see cref="WebhookSending"/> runs alone: a sender sends every due delivery in the database, so two at
/// once would send each other's, with each other's settings.
/// </remarks>
public sealed class WebhooksFactory(InfrastructureFixture infrastructure, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<MiniPg.Webhooks.Program>
{
    /// <summary>Five retries 200 ms apart: six attempts in all.</summary>
    public static readonly TimeSpan[] RetryDelays = [.. Enumerable.Repeat(TimeSpan.FromMilliseconds(200), 5)];

    /// <summary>Starts the host, and with it the consumer and the sender.</summary>
    public WebhooksFactory Start()
    {
        _ = Services;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting($"ConnectionStrings:{ResourceNames.Database}", infrastructure.DatabaseConnectionString);
        builder.UseSetting($"ConnectionStrings:{ResourceNames.Kafka}", infrastructure.KafkaBootstrapServers);
        builder.UseSetting("Webhooks:AllowLoopback", "true");
        builder.UseSetting("Webhooks:PollInterval", "00:00:00.200");
        for (var i = 0; i < RetryDelays.Length; i++)
        {
            builder.UseSetting($"Webhooks:RetryDelays:{i}", RetryDelays[i].ToString("c", CultureInfo.InvariantCulture));
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}
