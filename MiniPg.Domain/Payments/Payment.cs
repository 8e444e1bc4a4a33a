using MiniPg.Domain.Cards;
using MiniPg.Domain.Events;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Money;

namespace MiniPg.Domain.Payments;

/// <summary>
/// The payment aggregate: the only code that changes a payment's status. Every method either moves the payment along
/// its state machine and records the integration event that says so, or throws
/// <see cref="IllegalPaymentTransitionException"/>; there is no silent no-op.
/// </summary>
public sealed class Payment : IRecordsIntegrationEvents
{
    public const int MaxOrderIdLength = 64;
    public const int MaxOrderNameLength = 100;
    public const int MaxCancelReasonLength = 200;
    public const long MaxAmount = 1_000_000_000;

    private readonly List<PaymentCancellation> _cancellations = [];
    private readonly List<CancellationReservation> _cancellationReservations = [];
    private readonly List<IIntegrationEvent> _pendingEvents = [];

    // EF Core materialises payments through this constructor and then sets the properties.
    private Payment()
    {
        OrderId = OrderName = string.Empty;
        Card = new CardSummary(CardBrand.Unknown, string.Empty, string.Empty, string.Empty);
    }

    private Payment(PaymentId id, MerchantId merchantId, string orderId, string orderName, Won amount, CardSummary card, DateTimeOffset requestedAt)
    {
        Id = id;
        MerchantId = merchantId;
        OrderId = orderId;
        OrderName = orderName;
        Amount = amount;
        Card = card;
        RequestedAt = requestedAt;
        Status = PaymentStatus.Requested;
    }

    public PaymentId Id { get; private set; }

    public MerchantId MerchantId { get; private set; }

    public string OrderId { get; private set; }

    public string OrderName { get; private set; }

    public Won Amount { get; private set; }

    public Won CancelledAmount { get; private set; }

    public Won RemainingAmount => Amount - CancelledAmount;

    /// <summary>What a new cancel may still ask for: what remains, less the cancels reserved and not yet confirmed.</summary>
    public Won CancellableAmount => _cancellationReservations.Aggregate(RemainingAmount, (left, reservation) => left - reservation.Amount);

    public PaymentStatus Status { get; private set; }

    public CardSummary Card { get; private set; }

    public PaymentFailure? Failure { get; private set; }

    public string? AcquirerTransactionId { get; private set; }

    /// <summary>Grows by one with every change: the optimistic-concurrency token, and how caches tell old from new.</summary>
    public int Revision { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public DateTimeOffset? FailedAt { get; private set; }

    public DateTimeOffset? SettledAt { get; private set; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public IReadOnlyList<PaymentCancellation> Cancellations => _cancellations;

    /// <summary>Cancels held against the payment while the acquirer is asked; settlement and reports ignore them.</summary>
    public IReadOnlyList<CancellationReservation> CancellationReservations => _cancellationReservations;

    /// <summary>Events recorded since the payment was loaded; saving moves them into the outbox.</summary>
    public IReadOnlyList<IIntegrationEvent> PendingEvents => _pendingEvents;

    public static Payment Request(PaymentId id, MerchantId merchantId, string orderId, string orderName, Won amount, CardSummary card, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount.Value, nameof(amount));
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        ArgumentException.ThrowIfNullOrWhiteSpace(orderName);

        var payment = new Payment(id, merchantId, orderId, orderName, amount, card, now);
        payment._pendingEvents.Add(new PaymentRequested(
            Guid.CreateVersion7(now), now, id.Value, merchantId.Value, orderId, amount.Value, Won.CurrencyCode, card.Token));
        return payment;
    }

    public void Approve(string acquirerTransactionId, DateTimeOffset approvedAt)
    {
        EnsureStatus(PaymentStatus.Requested, "approve");
        ArgumentException.ThrowIfNullOrWhiteSpace(acquirerTransactionId);

        Status = PaymentStatus.Approved;
        Revision++;
        AcquirerTransactionId = acquirerTransactionId;
        ApprovedAt = approvedAt;
        _pendingEvents.Add(new PaymentCompleted(
            Guid.CreateVersion7(approvedAt), approvedAt, Id.Value, MerchantId.Value, Amount.Value, acquirerTransactionId, approvedAt));
    }

    public void Fail(PaymentFailure failure, DateTimeOffset failedAt)
    {
        EnsureStatus(PaymentStatus.Requested, "fail");

        Status = PaymentStatus.Failed;
        Revision++;
        Failure = failure;
        FailedAt = failedAt;
        _pendingEvents.Add(new PaymentFailed(
            Guid.CreateVersion7(failedAt), failedAt, Id.Value, MerchantId.Value, failure.Code, failure.Message));
    }

    /// <summary>
    /// Holds <paramref name="amount"/> (or everything still cancellable when null) of an approved or settled payment for
    /// the cancel the acquirer will be asked to make under <paramref name="cancellationId"/>. Callers check
    /// <see cref="CancellableAmount"/> first: reserving more is a caller bug here.
    /// </summary>
    public CancellationReservation ReserveCancellation(Guid cancellationId, Won? amount, string reason, DateTimeOffset reservedAt)
    {
        EnsureCancellable("reserve a cancel of");
        var toReserve = amount ?? CancellableAmount;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toReserve.Value, nameof(amount));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(toReserve.Value, CancellableAmount.Value, nameof(amount));
        if (_cancellationReservations.Any(r => r.Id == cancellationId) || _cancellations.Any(c => c.Id == cancellationId))
        {
            throw new ArgumentException($"Cancellation {cancellationId} is already known.", nameof(cancellationId));
        }

        var reservation = new CancellationReservation(cancellationId, toReserve, reason, reservedAt);
        _cancellationReservations.Add(reservation);
        Revision++;
        return reservation;
    }

    /// <summary>The acquirer cancelled what was reserved: the reservation becomes a cancellation (see <see cref="Cancel"/>).</summary>
    public PaymentCancellation CompleteCancellation(Guid cancellationId, DateTimeOffset cancelledAt)
    {
        var reservation = TakeReservation(cancellationId);
        return Cancel(reservation.Id, reservation.Amount, reservation.Reason, cancelledAt);
    }

    /// <summary>The acquirer refused the reserved cancel: nothing moved, and the amount is cancellable again.</summary>
    public void ReleaseCancellation(Guid cancellationId)
    {
        TakeReservation(cancellationId);
        Revision++;
    }

    /// <summary>
    /// Cancels <paramref name="amount"/> (or everything cancellable when null) of an approved or settled payment.
    /// <paramref name="cancellationId"/> is the id the acquirer knows the cancel by. Callers check
    /// <see cref="CancellableAmount"/> first: cancelling more is a caller bug here.
    /// </summary>
    internal PaymentCancellation Cancel(Guid cancellationId, Won? amount, string reason, DateTimeOffset cancelledAt)
    {
        EnsureCancellable("cancel");
        var toCancel = amount ?? CancellableAmount;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toCancel.Value, nameof(amount));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(toCancel.Value, CancellableAmount.Value, nameof(amount));

        var cancellation = new PaymentCancellation(cancellationId, toCancel, reason, cancelledAt);
        _cancellations.Add(cancellation);
        CancelledAmount += toCancel;
        Revision++;
        if (RemainingAmount == Won.Zero)
        {
            Status = PaymentStatus.Cancelled;
            CancelledAt = cancelledAt;
        }

        _pendingEvents.Add(new PaymentCancelled(
            Guid.CreateVersion7(cancelledAt), cancelledAt, Id.Value, MerchantId.Value, cancellation.Id, toCancel.Value, RemainingAmount.Value));
        return cancellation;
    }

    /// <summary>
    /// A settlement run settles many payments at once with one <c>UPDATE</c> that mirrors this method (status test,
    /// revision + 1, settled-at): a change here must be made there too (docs/decisions/0032-set-based-settlement.md).
    /// </summary>
    public void Settle(DateTimeOffset settledAt)
    {
        EnsureStatus(PaymentStatus.Approved, "settle");

        Status = PaymentStatus.Settled;
        Revision++;
        SettledAt = settledAt;
    }

    public void ClearPendingEvents() => _pendingEvents.Clear();

    private void EnsureCancellable(string action)
    {
        if (Status is not (PaymentStatus.Approved or PaymentStatus.Settled))
        {
            throw new IllegalPaymentTransitionException(Id, Status, action);
        }
    }

    private CancellationReservation TakeReservation(Guid cancellationId)
    {
        var reservation = _cancellationReservations.SingleOrDefault(r => r.Id == cancellationId)
            ?? throw new InvalidOperationException($"Payment {Id} holds no reservation {cancellationId}.");
        _cancellationReservations.Remove(reservation);
        return reservation;
    }

    private void EnsureStatus(PaymentStatus expected, string action)
    {
        if (Status != expected)
        {
            throw new IllegalPaymentTransitionException(Id, Status, action);
        }
    }
}
