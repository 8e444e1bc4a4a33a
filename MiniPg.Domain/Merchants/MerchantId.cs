namespace MiniPg.Domain.Merchants;

[System.Text.Json.Serialization.JsonConverter(typeof(MerchantIdJsonConverter))]
public readonly record struct MerchantId(Guid Value)
{
    public static MerchantId New() => new(Guid.CreateVersion7());

    public override string ToString() => Value.ToString();
}
