namespace MiniPg.Acquirer.Ledger;

/// <summary>All of a card number the ledger keeps: the BIN and the last four digits.</summary>
public readonly record struct CardDigits(string Bin, string Last4)
{
    public static CardDigits Of(string number) => new(number[..6], number[^4..]);
}
