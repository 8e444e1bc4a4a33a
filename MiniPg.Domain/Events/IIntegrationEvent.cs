namespace MiniPg.Domain.Events;

/// <summary>
/// A fact other services may react to. Small, immutable, past tense; <see cref="EventId"/> lets consumers drop a
/// redelivery, and the payment id is the Kafka key so one payment's events stay in order.
/// </summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }

    DateTimeOffset OccurredAt { get; }

    Guid PaymentId { get; }
}
