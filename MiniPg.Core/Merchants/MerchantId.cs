namespace MiniPg.Core.Merchants;

public readonly record struct MerchantId(Guid Value)
{
    public static MerchantId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}
