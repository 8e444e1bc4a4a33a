namespace MiniPg.Core.Events;

/// <summary>Every Kafka topic MiniPg uses, and which event goes where.</summary>
public static class Topics
{
    public const string PaymentRequested = "payment.requested";
    public const string PaymentCompleted = "payment.completed";
    public const string PaymentFailed = "payment.failed";
    public const string PaymentCancelled = "payment.cancelled";

    public static string For(IIntegrationEvent integrationEvent) => integrationEvent switch
    {
        MiniPg.Core.Events.PaymentRequested => PaymentRequested,
        MiniPg.Core.Events.PaymentCompleted => PaymentCompleted,
        MiniPg.Core.Events.PaymentFailed => PaymentFailed,
        MiniPg.Core.Events.PaymentCancelled => PaymentCancelled,
        _ => throw new ArgumentException($"No topic for {integrationEvent.GetType().Name}.", nameof(integrationEvent)),
    };
}
