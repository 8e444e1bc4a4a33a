namespace MiniPg.Domain.Cards;

public enum CardBrand
{
    Unknown,
    Visa,
    Mastercard,
    Amex,
    Jcb,
    UnionPay,
}
