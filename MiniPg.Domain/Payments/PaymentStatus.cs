namespace MiniPg.Domain.Payments;

/// <summary>
/// The life of a payment. A partial cancel keeps the status and grows <see cref="Payment.CancelledAmount"/>;
/// the payment becomes <see cref="Cancelled"/> when nothing remains (docs/decisions/0004).
/// </summary>
public enum PaymentStatus
{
    Requested,
    Approved,
    Failed,
    Settled,
    Cancelled,
}
