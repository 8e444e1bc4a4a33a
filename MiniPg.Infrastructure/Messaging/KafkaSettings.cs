using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MiniPg.Infrastructure.Messaging;

/// <summary>
/// Where Kafka is: the bootstrap servers the AppHost injects as <c>ConnectionStrings__kafka</c>, the convention of Aspire's
/// Kafka integration (which this machine does not serve). A service without it fails at start-up, naming the setting.
/// </summary>
public sealed class KafkaSettings
{
    public string BootstrapServers { get; set; } = string.Empty;

    internal static void Register(IServiceCollection services, string connectionName) =>
        services.AddOptions<KafkaSettings>()
            .Configure<IConfiguration>((settings, configuration) => settings.BootstrapServers = configuration.GetConnectionString(connectionName) ?? string.Empty)
            .Validate(
                settings => !string.IsNullOrWhiteSpace(settings.BootstrapServers),
                $"ConnectionStrings:{connectionName} is not set. Run the system with `dotnet run --project MiniPg.AppHost`, which injects it, or set ConnectionStrings__{connectionName}.")
            .ValidateOnStart();
}
