extern alias AppHost;

using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using AppHost::MiniPg.AppHost;
using AppHost::MiniPg.AppHost.Infrastructure;

namespace MiniPg.Tests.AppHost;

/// <summary>The AppHost's model, built and not started: the webhook sender and the demo receiver, wired as the README draws them.</summary>
public sealed class WebhookResourcesTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"minipg-model-{Guid.NewGuid():N}");

    [Fact]
    public async Task The_webhook_sender_and_the_demo_receiver_have_their_ports_references_waits_and_command()
    {
        await using var appHost = await DistributedApplicationTestingBuilder.CreateAsync<AppHost::Projects.MiniPg_AppHost>(
            [$"--{LocalInfrastructure.DataDirectoryKey}={_dataDirectory}"], TestContext.Current.CancellationToken);
        var webhooks = Project(appHost, ResourceNames.Webhooks);
        var receiver = Project(appHost, ResourceNames.WebhookReceiver);

        Assert.Equal(5083, Assert.Single(webhooks.Annotations.OfType<EndpointAnnotation>()).Port);
        Assert.Equal(5084, Assert.Single(receiver.Annotations.OfType<EndpointAnnotation>()).Port);
        Assert.Equal([ResourceNames.Database, ResourceNames.Kafka], References(webhooks));
        // Its own endpoint too: the URL it registers is the address that endpoint really has.
        Assert.Equal([ResourceNames.Api, ResourceNames.WebhookReceiver], References(receiver));
        Assert.Equal(
            [(ResourceNames.Migrations, WaitType.WaitForCompletion), (ResourceNames.Kafka, WaitType.WaitUntilHealthy)],
            webhooks.Annotations.OfType<WaitAnnotation>().Select(wait => (wait.Resource.Name, wait.WaitType)));
        Assert.Contains(receiver.Annotations.OfType<ResourceCommandAnnotation>(), command => command.Name == DemoCommands.RegisterWithDemoMerchant);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static ProjectResource Project(IDistributedApplicationTestingBuilder appHost, string name) =>
        appHost.Resources.OfType<ProjectResource>().Single(resource => resource.Name == name);

    private static IEnumerable<string> References(ProjectResource resource) =>
        resource.Annotations.OfType<ResourceRelationshipAnnotation>().Where(relationship => relationship.Type == "Reference").Select(relationship => relationship.Resource.Name);
}
