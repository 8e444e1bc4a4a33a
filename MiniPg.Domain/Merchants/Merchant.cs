namespace MiniPg.Domain.Merchants;

/// <summary>A merchant that takes payments through MiniPg. Its secret API key is stored only as a hash.</summary>
public sealed class Merchant
{
    public Merchant(MerchantId id, string name, string apiKeyHash, DateTimeOffset createdAt)
    {
        Id = id;
        Name = name;
        ApiKeyHash = apiKeyHash;
        CreatedAt = createdAt;
    }

    public MerchantId Id { get; private set; }

    public string Name { get; private set; }

    public string ApiKeyHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Merchant Create(MerchantId id, string name, string apiKey, DateTimeOffset now) =>
        new(id, name, ApiKeys.Hash(apiKey), now);
}
