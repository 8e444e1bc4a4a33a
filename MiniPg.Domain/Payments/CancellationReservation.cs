using MiniPg.Domain.Money;

namespace MiniPg.Domain.Payments;

/// <summary>
/// A cancel MiniPg has committed to before asking the acquirer: its amount is held against what remains, so concurrent
/// cancels are decided here, in order, and never promise more than the acquirer will refund. It becomes a
/// <see cref="PaymentCancellation"/> when the acquirer confirms, or is released when the acquirer refuses
/// (docs/decisions/0026).
/// </summary>
public sealed record CancellationReservation(Guid Id, Won Amount, string Reason, DateTimeOffset ReservedAt);
