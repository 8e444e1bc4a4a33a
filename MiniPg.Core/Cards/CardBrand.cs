namespace MiniPg.Core.Cards;

public enum CardBrand
{
    Unknown,
    Visa,
    Mastercard,
    Amex,
    Jcb,
    UnionPay,
}
