using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MiniPg.Core;

/// <summary>
/// A connection string injected by the AppHost (<c>ConnectionStrings__name</c>), read through named options so a
/// service fails at start-up when it is missing, while tests can still supply it late through configuration.
/// </summary>
public sealed class ConnectionStringOptions
{
    public string ConnectionString { get; set; } = string.Empty;

    public static void Register(IServiceCollection services, string name) =>
        services.AddOptions<ConnectionStringOptions>(name)
            .Configure<IConfiguration>((options, configuration) => options.ConnectionString = configuration.GetConnectionString(name) ?? string.Empty)
            .Validate(
                options => !string.IsNullOrWhiteSpace(options.ConnectionString),
                $"ConnectionStrings:{name} is not set. Run the system with `dotnet run --project MiniPg.AppHost`, which injects it, or set ConnectionStrings__{name}.")
            .ValidateOnStart();

    public static string Get(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<ConnectionStringOptions>>().Get(name).ConnectionString;
}
