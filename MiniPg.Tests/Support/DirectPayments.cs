using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MiniPg.Domain.Cards;
using MiniPg.Domain.Events;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Infrastructure.Cards;

namespace MiniPg.Tests.Support;

/// <summary>
/// Payments written straight to the database with no outbox row, so a test decides exactly when and where their
/// <c>payment.requested</c> reaches Kafka.
/// </summary>
internal static class DirectPayments
{
    public static async Task<(Payment Payment, string Event)> CreateWithoutEventAsync(InfrastructureFixture infrastructure, TestMerchant merchant, string card = TestCards.Approved)
    {
        await using var db = infrastructure.CreateDbContext();
        var vault = new CardVault(db, Options.Create(new CardVaultOptions { Key = InfrastructureFixture.TestCardVaultKey }), TimeProvider.System);
        var token = CardVault.NewToken();
        var number = CardNumber.Parse(card);
        vault.Seal(token, number, new CardExpiry(2030, 12));
        var payment = Payment.Request(PaymentId.New(TimeProvider.System), merchant.Id, "direct", "Direct", new Won(20_000), number.Summarize(token), TimeProvider.System.GetUtcNow());
        var requested = EventSerializer.Serialize(payment.PendingEvents.Single());
        payment.ClearPendingEvents();
        db.Payments.Add(payment);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (payment, requested);
    }

    public static async Task ProduceAsync(InfrastructureFixture infrastructure, string key, string value, int partition = 0)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = infrastructure.KafkaBootstrapServers, Acks = Acks.All }).Build();
        await producer.ProduceAsync(new TopicPartition(Topics.PaymentRequested, partition), new Message<string, string> { Key = key, Value = value }, TestContext.Current.CancellationToken);
    }

    public static async Task<Payment> WaitForStatusAsync(InfrastructureFixture infrastructure, PaymentId id, PaymentStatus status, int seconds = 60)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using var db = infrastructure.CreateDbContext();
            var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == id, TestContext.Current.CancellationToken);
            if (payment.Status == status || waited.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                return payment;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Reads a topic from the start until every key was seen (or a minute and a half passed); returns the keys seen.</summary>
    public static async Task<HashSet<string>> WaitForKeysAsync(InfrastructureFixture infrastructure, string topic, IEnumerable<string> keys)
    {
        var wanted = keys.ToHashSet();
        var seen = new HashSet<string>();
        using var consumer = FromTheStart(infrastructure, topic);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!wanted.IsSubsetOf(seen) && waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (await Task.Run(() => consumer.Consume(TimeSpan.FromSeconds(1)), TestContext.Current.CancellationToken) is { } record && wanted.Contains(record.Message.Key))
            {
                seen.Add(record.Message.Key);
            }
        }

        consumer.Close();
        return seen;
    }

    /// <summary>Polls until none of the merchant's payments is REQUESTED (or two minutes passed); returns them all.</summary>
    public static async Task<List<Payment>> WaitUntilNoneRequestedAsync(InfrastructureFixture infrastructure, TestMerchant merchant)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var payments = await merchant.PaymentsAsync(infrastructure);
            if (payments.All(payment => payment.Status != PaymentStatus.Requested) || waited.Elapsed > TimeSpan.FromMinutes(2))
            {
                return payments;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>
    /// Polls until no payment of any merchant is REQUESTED (or two minutes passed); returns how many still are. For a test
    /// in a collection that runs alone, which must start from what every earlier test left settled.
    /// </summary>
    public static async Task<int> WaitUntilNoPaymentIsRequestedAsync(InfrastructureFixture infrastructure)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using var db = infrastructure.CreateDbContext();
            var requested = await db.Payments.CountAsync(payment => payment.Status == PaymentStatus.Requested, TestContext.Current.CancellationToken);
            if (requested == 0 || waited.Elapsed > TimeSpan.FromMinutes(2))
            {
                return requested;
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Every record on a topic with this key, read from the start by a throw-away consumer group.</summary>
    public static List<ConsumeResult<string, string>> ReadTopic(InfrastructureFixture infrastructure, string topic, string key)
    {
        using var consumer = FromTheStart(infrastructure, topic);
        var found = new List<ConsumeResult<string, string>>();
        while (consumer.Consume(TimeSpan.FromSeconds(3)) is { } record)
        {
            if (record.Message.Key == key)
            {
                found.Add(record);
            }
        }

        consumer.Close();
        return found;
    }

    /// <summary>A consumer of a throw-away group, subscribed to <paramref name="topic"/> from its first record.</summary>
    private static IConsumer<string, string> FromTheStart(InfrastructureFixture infrastructure, string topic)
    {
        var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = infrastructure.KafkaBootstrapServers,
            GroupId = $"test-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        return consumer;
    }
}
