namespace MiniPg.Core.Merchants;

/// <summary>The two merchants Development seeds, so the README's curl examples work on a fresh system.</summary>
public static class DemoMerchants
{
    public static readonly (MerchantId Id, string Name, string ApiKey)[] All =
    [
        (new MerchantId(Guid.Parse("0191f5a0-0000-7000-8000-000000000001")), "Demo Merchant 1", "sk_test_demo_merchant_1"),
        (new MerchantId(Guid.Parse("0191f5a0-0000-7000-8000-000000000002")), "Demo Merchant 2", "sk_test_demo_merchant_2"),
    ];
}
