namespace MiniPg.Acquirer.Approvals;

public static class DeclineCodes
{
    public const string CardDeclined = "card_declined";
    public const string InsufficientFunds = "insufficient_funds";

    public static string MessageOf(string code) => code switch
    {
        CardDeclined => "The card issuer declined the payment.",
        InsufficientFunds => "The card has insufficient funds.",
        _ => "The payment was declined.",
    };
}
