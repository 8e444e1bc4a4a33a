using Confluent.Kafka;
using MiniPg.Domain.Events;

namespace MiniPg.Tests.Support;

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

    public async ValueTask InitializeAsync()
    {
        Acquirer.StartServer();
        AcquirerAddress = Acquirer.CreateClient().BaseAddress!;
        Api = new ApiFactory(infrastructure, AcquirerAddress);
        Api.StartServer();
        Processor = StartProcessor();
        await WaitUntilTheProcessorHasCaughtUpAsync();
    }

    /// <summary>
    /// The Processor consumes every payment any test created, and the tests that ran before this collection (in
    /// parallel, with no Processor) leave hundreds of events waiting. A test that switches the acquirer's chaos on must
    /// not have that backlog fail with it (hundreds of 503s would open the Processor's circuit breaker and leave those
    /// payments to the stuck-payment janitor, minutes later). So the fixture lets the Processor catch up first: every
    /// committed offset at the partition's end.
    /// </summary>
    private async Task WaitUntilTheProcessorHasCaughtUpAsync()
    {
        using var offsets = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = infrastructure.KafkaBootstrapServers, GroupId = new MiniPg.Processor.Consuming.ProcessorOptions().ConsumerGroup }).Build();
        var partitions = Enumerable.Range(0, Topics.All[Topics.PaymentRequested]).Select(partition => new TopicPartition(Topics.PaymentRequested, partition)).ToList();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            try
            {
                var committed = offsets.Committed(partitions, TimeSpan.FromSeconds(10));

                // A partition the group never committed on (Offset.Unset) has consumed nothing.
                if (committed.All(position => Math.Max(position.Offset.Value, 0) >= offsets.QueryWatermarkOffsets(position.TopicPartition, TimeSpan.FromSeconds(10)).High.Value))
                {
                    return;
                }
            }
            catch (KafkaException exception) when (exception.Error.Code is ErrorCode.NotCoordinatorForGroup or ErrorCode.GroupLoadInProgress or ErrorCode.GroupCoordinatorNotAvailable)
            {
                // The group's coordinator is still loading on a fresh broker: ask again.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
        }
    }

    public ProcessorFactory StartProcessor(
        Func<MiniPg.Infrastructure.Acquiring.IAcquirerClient, MiniPg.Infrastructure.Acquiring.IAcquirerClient>? decorateAcquirer = null,
        Uri? acquirer = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var processor = new ProcessorFactory(infrastructure, acquirer ?? AcquirerAddress, decorateAcquirer, settings);
        processor.StartServer();
        return processor;
    }

    /// <summary>
    /// Stops the running Processor and starts a fresh one (optionally a faulty one, or one that reaches the acquirer
    /// elsewhere, or with other settings), as a deploy or a crash would.
    /// </summary>
    public async Task ReplaceProcessorAsync(
        Func<MiniPg.Infrastructure.Acquiring.IAcquirerClient, MiniPg.Infrastructure.Acquiring.IAcquirerClient>? decorateAcquirer = null,
        Uri? acquirer = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        await Processor.DisposeAsync();
        Processor = StartProcessor(decorateAcquirer, acquirer, settings);
    }

    public async ValueTask DisposeAsync()
    {
        await Processor.DisposeAsync();
        await Api.DisposeAsync();
        await Acquirer.DisposeAsync();
    }
}
