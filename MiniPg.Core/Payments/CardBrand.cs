namespace MiniPg.Core.Payments;

public enum CardBrand
{
    Unknown,
    Visa,
    Mastercard,
    Amex,
    Jcb,
    UnionPay,
}
