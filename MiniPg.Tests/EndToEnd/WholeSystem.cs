using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using MiniPg.Testing;

namespace MiniPg.Tests.EndToEnd;

[CollectionDefinition(nameof(EndToEnd), DisableParallelization = true)]
public sealed class EndToEnd;

/// <summary>
/// The whole AppHost model, every resource and service as <c>dotnet run --project MiniPg.AppHost</c> starts them, through
/// <c>Aspire.Hosting.Testing</c> on a data folder of the test's own (ports randomized, no dashboard).
/// </summary>
internal sealed class WholeSystem : IAsyncDisposable
{
    private static readonly string[] Services = [ResourceNames.Acquirer, ResourceNames.Api, ResourceNames.Processor, ResourceNames.Settlement, ResourceNames.Webhooks, ResourceNames.WebhookReceiver];

    private WholeSystem(DistributedApplication app) => App = app;

    public DistributedApplication App { get; }

    public static async Task<WholeSystem> StartAsync(string dataDirectory) =>
        new(await AppHostInfrastructure.StartModelAsync(dataDirectory, keep: null, healthy: Services, cancellationToken: TestContext.Current.CancellationToken));

    public HttpClient Client(string resource, string? bearer = null)
    {
        var client = App.CreateHttpClient(resource);
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        }

        return client;
    }

    /// <summary>The value the AppHost gives one of its parameters (Development: its appsettings.Development.json).</summary>
    public async Task<string> ParameterAsync(string name) =>
        await App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ParameterResource>().Single(parameter => parameter.Name == name)
            .GetValueAsync(TestContext.Current.CancellationToken) ?? throw new InvalidOperationException($"The parameter {name} has no value.");

    /// <summary>Runs one of the dashboard's commands, as clicking it would.</summary>
    public Task<ExecuteCommandResult> ExecuteCommandAsync(string resource, string command) =>
        App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
