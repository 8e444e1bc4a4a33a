namespace MiniPg.Domain.Cards;

/// <summary>What a payment keeps of a card: brand, BIN and last four digits, and an opaque token. Never the full number.</summary>
public sealed record CardSummary(CardBrand Brand, string Bin, string Last4, string Token);
