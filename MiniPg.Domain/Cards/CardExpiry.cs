namespace MiniPg.Domain.Cards;

/// <summary>A card's expiry month. A card is valid through the last day of its expiry month.</summary>
public readonly record struct CardExpiry(int Year, int Month)
{
    public bool HasExpiredBy(DateOnly today) => (Year, Month).CompareTo((today.Year, today.Month)) < 0;
}
