using MiniPg.Tests.Acquirer;
using MiniPg.Tests.Infrastructure;

namespace MiniPg.Tests.Pipeline;

[CollectionDefinition(nameof(PipelineTests), DisableParallelization = true)]
public sealed class PipelineTests : ICollectionFixture<PipelineFixture>;

/// <summary>
/// The whole payment pipeline on the fixture's real infrastructure: the mock acquirer, the Processor and an API that
/// knows the acquirer. Its tests run alone, because some stop Kafka or the Processor, and the Processor sees every
/// payment any test creates.
/// </summary>
public sealed class PipelineFixture(InfrastructureFixture infrastructure) : IAsyncLifetime
{
    public AcquirerFactory Acquirer { get; } = new(infrastructure, settings: new Dictionary<string, string> { ["Acquirer:SlowCardDelay"] = "00:00:03" });

    public Uri AcquirerAddress { get; private set; } = ApiFactory.NoAcquirer;

    public ApiFactory Api { get; private set; } = null!;

    public ProcessorFactory Processor { get; private set; } = null!;

    public InfrastructureFixture Infrastructure => infrastructure;

    public ValueTask InitializeAsync()
    {
        Acquirer.StartServer();
        AcquirerAddress = Acquirer.CreateClient().BaseAddress!;
        Api = new ApiFactory(infrastructure, AcquirerAddress);
        Api.StartServer();
        Processor = StartProcessor();
        return ValueTask.CompletedTask;
    }

    public ProcessorFactory StartProcessor(Func<MiniPg.Core.Acquiring.IAcquirerClient, MiniPg.Core.Acquiring.IAcquirerClient>? decorateAcquirer = null)
    {
        var processor = new ProcessorFactory(infrastructure, AcquirerAddress, decorateAcquirer);
        processor.StartServer();
        return processor;
    }

    /// <summary>Stops the running Processor and starts a fresh one (optionally a faulty one), as a deploy or a crash would.</summary>
    public async Task ReplaceProcessorAsync(Func<MiniPg.Core.Acquiring.IAcquirerClient, MiniPg.Core.Acquiring.IAcquirerClient>? decorateAcquirer = null)
    {
        await Processor.DisposeAsync();
        Processor = StartProcessor(decorateAcquirer);
    }

    public async ValueTask DisposeAsync()
    {
        await Processor.DisposeAsync();
        await Api.DisposeAsync();
        await Acquirer.DisposeAsync();
    }
}
