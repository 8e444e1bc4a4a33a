namespace MiniPg.Domain.Payments;

/// <summary>Why a payment failed: a stable machine code (e.g. <c>card_declined</c>) and a message for people.</summary>
public sealed record PaymentFailure(string Code, string Message);
