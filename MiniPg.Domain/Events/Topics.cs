namespace MiniPg.Domain.Events;

/// <summary>Every Kafka topic MiniPg uses, and which event goes where.</summary>
public static class Topics
{
    public const string PaymentRequested = "payment.requested";
    public const string PaymentCompleted = "payment.completed";
    public const string PaymentFailed = "payment.failed";
    public const string PaymentCancelled = "payment.cancelled";

    /// <summary>Requests whose acquirer call must be tried again later, without blocking the main topic.</summary>
    public const string PaymentRequestedRetry = "payment.requested.retry";

    /// <summary>Requests that could not be processed after bounded attempts; replayable (see the README).</summary>
    public const string PaymentRequestedDeadLetter = "payment.requested.dlt";

    /// <summary>Every topic and its partition count. <c>payment.requested</c> has several so Processors can scale out.</summary>
    public static readonly IReadOnlyDictionary<string, int> All = new Dictionary<string, int>
    {
        [PaymentRequested] = 6,
        [PaymentRequestedRetry] = 3,
        [PaymentRequestedDeadLetter] = 1,
        [PaymentCompleted] = 3,
        [PaymentFailed] = 3,
        [PaymentCancelled] = 3,
    };

    public static string For(IIntegrationEvent integrationEvent) => integrationEvent switch
    {
        MiniPg.Domain.Events.PaymentRequested => PaymentRequested,
        MiniPg.Domain.Events.PaymentCompleted => PaymentCompleted,
        MiniPg.Domain.Events.PaymentFailed => PaymentFailed,
        MiniPg.Domain.Events.PaymentCancelled => PaymentCancelled,
        _ => throw new ArgumentException($"No topic for {integrationEvent.GetType().Name}.", nameof(integrationEvent)),
    };
}
