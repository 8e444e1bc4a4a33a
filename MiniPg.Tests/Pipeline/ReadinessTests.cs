using System.Net;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Pipeline;

/// <summary>Readiness says whether a service can do its job: with Kafka stopped for real, the Api can, the Processor cannot.</summary>
[Collection(nameof(PipelineTests))]
public sealed class ReadinessTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task While_kafka_is_down_the_api_is_degraded_but_ready_and_accepts_payments_and_the_processor_is_not_ready()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        await pipeline.Infrastructure.StopResourceAsync(ResourceNames.Kafka);
        try
        {
            using var api = await pipeline.Api.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);
            using var processor = await pipeline.Processor.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);
            using var accepted = await merchant.Client(pipeline.Api).PostAsync(PaymentRequests.Valid(), "key-ready-without-kafka");

            Assert.Equal((HttpStatusCode.OK, "Degraded"), (api.StatusCode, await api.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (processor.StatusCode, await processor.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }
        finally
        {
            await pipeline.Infrastructure.StartResourceAsync(ResourceNames.Kafka);
        }

        using var recovered = await pipeline.Api.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal("Healthy", await recovered.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
