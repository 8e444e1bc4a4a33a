using MiniPg.Domain.Money;

namespace MiniPg.Domain.Payments;

/// <summary>One cancel of (part of) a payment. Kept as its own row: settlement nets each cancel on the day it happened.</summary>
public sealed record PaymentCancellation(Guid Id, Won Amount, string Reason, DateTimeOffset CancelledAt);
