namespace MiniPg.Domain.Events;

public sealed record PaymentRequested(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid PaymentId,
    Guid MerchantId,
    string OrderId,
    long Amount,
    string Currency,
    string CardToken) : IIntegrationEvent;

public sealed record PaymentCompleted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid PaymentId,
    Guid MerchantId,
    long Amount,
    string AcquirerTransactionId,
    DateTimeOffset ApprovedAt) : IIntegrationEvent;

public sealed record PaymentFailed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid PaymentId,
    Guid MerchantId,
    string FailureCode,
    string FailureMessage) : IIntegrationEvent;

public sealed record PaymentCancelled(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid PaymentId,
    Guid MerchantId,
    Guid CancellationId,
    long CancelledAmount,
    long RemainingAmount) : IIntegrationEvent;
