using System.Text.Json;
using MiniPg.Domain.Events;

namespace MiniPg.Domain.Tests.Events;

public sealed class EventSerializationTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Payment_requested_round_trips() => AssertRoundTrip(
        new PaymentRequested(Guid.CreateVersion7(At), At, Guid.CreateVersion7(At), Guid.CreateVersion7(At), "order-1", 15_000, "KRW", "tok_abc"));

    [Fact]
    public void Payment_completed_round_trips() => AssertRoundTrip(
        new PaymentCompleted(Guid.CreateVersion7(At), At, Guid.CreateVersion7(At), Guid.CreateVersion7(At), 15_000, "acq_1", At));

    [Fact]
    public void Payment_failed_round_trips() => AssertRoundTrip(
        new PaymentFailed(Guid.CreateVersion7(At), At, Guid.CreateVersion7(At), Guid.CreateVersion7(At), "card_declined", "The card was declined."));

    [Fact]
    public void Payment_cancelled_round_trips() => AssertRoundTrip(
        new PaymentCancelled(Guid.CreateVersion7(At), At, Guid.CreateVersion7(At), Guid.CreateVersion7(At), Guid.CreateVersion7(At), 5_000, 10_000));

    [Fact]
    public void Events_are_camel_case_json_with_event_id_and_time()
    {
        var json = EventSerializer.Serialize(new PaymentFailed(Guid.Empty, At, Guid.Empty, Guid.Empty, "card_declined", "declined"));

        using var document = JsonDocument.Parse(json);
        Assert.Equal("card_declined", document.RootElement.GetProperty("failureCode").GetString());
        Assert.Equal(At, document.RootElement.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.True(document.RootElement.TryGetProperty("eventId", out _));
    }

    [Theory]
    [InlineData(typeof(PaymentRequested), "payment.requested")]
    [InlineData(typeof(PaymentCompleted), "payment.completed")]
    [InlineData(typeof(PaymentFailed), "payment.failed")]
    [InlineData(typeof(PaymentCancelled), "payment.cancelled")]
    public void Each_event_has_its_topic(Type eventType, string topic)
    {
        var sample = (IIntegrationEvent)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(eventType);

        Assert.Equal(topic, Topics.For(sample));
    }

    private static void AssertRoundTrip<T>(T integrationEvent)
        where T : IIntegrationEvent =>
        Assert.Equal(integrationEvent, EventSerializer.Deserialize<T>(EventSerializer.Serialize(integrationEvent)));
}
