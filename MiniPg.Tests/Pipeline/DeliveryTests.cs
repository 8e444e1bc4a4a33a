using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using MiniPg.Domain.Events;
using MiniPg.Domain.Payments;
using MiniPg.Processor.Consuming;
using MiniPg.Tests.Support;

namespace MiniPg.Tests.Pipeline;

[Collection(nameof(PipelineTests))]
public sealed class DeliveryTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task A_poison_message_lands_in_the_dead_letter_topic_and_the_partition_moves_on()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var (payment, requested) = await DirectPayments.CreateWithoutEventAsync(pipeline.Infrastructure, merchant);
        var poisonKey = $"poison-{Guid.NewGuid():N}";

        await DirectPayments.ProduceAsync(pipeline.Infrastructure, poisonKey, "this is not JSON", partition: 2);
        await DirectPayments.ProduceAsync(pipeline.Infrastructure, payment.Id.ToString(), requested, partition: 2);

        Assert.Equal(PaymentStatus.Approved, (await DirectPayments.WaitForStatusAsync(pipeline.Infrastructure, payment.Id, PaymentStatus.Approved)).Status);
        var deadLetter = Assert.Single(DirectPayments.ReadTopic(pipeline.Infrastructure, Topics.PaymentRequestedDeadLetter, poisonKey));
        Assert.Equal("this is not JSON", deadLetter.Message.Value);
        Assert.Contains("Not a payment.requested event", RetryHeaders.Read(deadLetter.Message.Headers, RetryHeaders.Error), StringComparison.Ordinal);
        Assert.Equal(Topics.PaymentRequested, RetryHeaders.Read(deadLetter.Message.Headers, RetryHeaders.OriginalTopic));
    }

    [Fact]
    public async Task Dead_letters_replayed_by_the_processor_command_are_processed()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var (payment, requested) = await DirectPayments.CreateWithoutEventAsync(pipeline.Infrastructure, merchant);

        // A poison dead letter fails again when replayed: the replay must still end, not chase it round in circles.
        await ProduceDeadLettersAsync("gave up after 5 attempts", ($"poison-{Guid.NewGuid():N}", "still not JSON"), (payment.Id.ToString(), requested));

        var exitCode = await MiniPg.Processor.DeadLetters.ReplayDeadLettersCommand.RunAsync([
            "--ConnectionStrings:kafka", pipeline.Infrastructure.KafkaBootstrapServers,
            "--ConnectionStrings:minipg", pipeline.Infrastructure.DatabaseConnectionString]);

        Assert.Equal(0, exitCode);
        Assert.Equal(PaymentStatus.Approved, (await DirectPayments.WaitForStatusAsync(pipeline.Infrastructure, payment.Id, PaymentStatus.Approved)).Status);
    }

    [Fact]
    public async Task The_processors_operator_endpoint_replays_dead_letters_and_only_for_the_operator_key()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var (payment, requested) = await DirectPayments.CreateWithoutEventAsync(pipeline.Infrastructure, merchant);
        await ProduceDeadLettersAsync("acquirer_unavailable", (payment.Id.ToString(), requested));

        var client = pipeline.Processor.CreateClient();
        using var anonymous = await client.PostAsync("/dead-letters/replay", content: null, TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", InfrastructureFixture.OperatorKey);
        using var replay = await client.PostAsync("/dead-letters/replay", content: null, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, replay.StatusCode);
        Assert.True((await replay.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken)).GetProperty("replayed").GetInt32() >= 1);
        Assert.Equal(PaymentStatus.Approved, (await DirectPayments.WaitForStatusAsync(pipeline.Infrastructure, payment.Id, PaymentStatus.Approved)).Status);
    }

    [Fact]
    public async Task A_redelivered_event_changes_nothing()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var (payment, requested) = await DirectPayments.CreateWithoutEventAsync(pipeline.Infrastructure, merchant);
        await DirectPayments.ProduceAsync(pipeline.Infrastructure, payment.Id.ToString(), requested, partition: 1);
        var approved = await DirectPayments.WaitForStatusAsync(pipeline.Infrastructure, payment.Id, PaymentStatus.Approved);
        var (marker, markerEvent) = await DirectPayments.CreateWithoutEventAsync(pipeline.Infrastructure, merchant);

        await DirectPayments.ProduceAsync(pipeline.Infrastructure, payment.Id.ToString(), requested, partition: 1);
        await DirectPayments.ProduceAsync(pipeline.Infrastructure, payment.Id.ToString(), requested, partition: 1);
        await DirectPayments.ProduceAsync(pipeline.Infrastructure, marker.Id.ToString(), markerEvent, partition: 1);
        await DirectPayments.WaitForStatusAsync(pipeline.Infrastructure, marker.Id, PaymentStatus.Approved);

        await using var db = pipeline.Infrastructure.CreateDbContext();
        var after = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == payment.Id, TestContext.Current.CancellationToken);
        Assert.Equal((PaymentStatus.Approved, approved.AcquirerTransactionId, approved.Revision), (after.Status, after.AcquirerTransactionId, after.Revision));
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.MessageKey == payment.Id.ToString() && m.Topic == Topics.PaymentCompleted, TestContext.Current.CancellationToken));
        var atAcquirer = await pipeline.Acquirer.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/approvals/{payment.Id}", TestContext.Current.CancellationToken);
        Assert.Equal(approved.AcquirerTransactionId, atAcquirer.GetProperty("transactionId").GetString());
    }

    [Fact]
    public async Task Approvals_and_failures_are_published_as_events_keyed_by_payment()
    {
        var merchant = await TestMerchant.CreateAsync(pipeline.Infrastructure);
        var client = merchant.Client(pipeline.Api);
        using var approved = await client.PostAsync(PaymentRequests.Valid(), "key-events-ok");
        using var declined = await client.PostAsync(PaymentRequests.Valid(cardNumber: TestCards.Declined), "key-events-declined");
        await client.WaitUntilSettledAsync(approved.Headers.Location!);
        await client.WaitUntilSettledAsync(declined.Headers.Location!);
        var payments = await merchant.PaymentsAsync(pipeline.Infrastructure);
        var approvedId = payments.Single(p => p.Status == PaymentStatus.Approved).Id.ToString();
        var declinedId = payments.Single(p => p.Status == PaymentStatus.Failed).Id.ToString();

        var completed = await WaitForRecordAsync(Topics.PaymentCompleted, approvedId);
        var failed = await WaitForRecordAsync(Topics.PaymentFailed, declinedId);

        Assert.Equal(approvedId, EventSerializer.Deserialize<PaymentCompleted>(completed.Message.Value).PaymentId.ToString());
        Assert.Equal("card_declined", EventSerializer.Deserialize<PaymentFailed>(failed.Message.Value).FailureCode);
        Assert.NotNull(RetryHeaders.Read(completed.Message.Headers, RetryHeaders.TraceParent));
    }

    private async Task<Confluent.Kafka.ConsumeResult<string, string>> WaitForRecordAsync(string topic, string key)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (DirectPayments.ReadTopic(pipeline.Infrastructure, topic, key) is [var record, ..])
            {
                return record;
            }
        }

        throw new InvalidOperationException($"No {topic} record for {key}.");
    }

    /// <summary>Dead letters as the Processor writes them: the reason, and the topic they came from.</summary>
    private async Task ProduceDeadLettersAsync(string error, params (string Key, string Value)[] deadLetters)
    {
        using var producer = new Confluent.Kafka.ProducerBuilder<string, string>(new Confluent.Kafka.ProducerConfig { BootstrapServers = pipeline.Infrastructure.KafkaBootstrapServers }).Build();
        var headers = RetryHeaders.With(null, (RetryHeaders.Error, error), (RetryHeaders.OriginalTopic, Topics.PaymentRequested));
        foreach (var (key, value) in deadLetters)
        {
            await producer.ProduceAsync(Topics.PaymentRequestedDeadLetter, new Confluent.Kafka.Message<string, string> { Key = key, Value = value, Headers = headers }, TestContext.Current.CancellationToken);
        }
    }
}
