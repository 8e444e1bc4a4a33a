namespace MiniPg.Domain.Payments;

/// <summary>An attempt to move a payment along a transition its state machine does not have.</summary>
public sealed class IllegalPaymentTransitionException(PaymentId id, PaymentStatus from, string action)
    : InvalidOperationException($"Payment {id} cannot {action} while {from}.");
