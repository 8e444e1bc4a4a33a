using MiniPg.Domain.Fees;

namespace MiniPg.Domain.Merchants;

/// <summary>The two merchants Development seeds, so the README's curl examples work on a fresh system.</summary>
public static class DemoMerchants
{
    public static readonly (MerchantId Id, string Name, string ApiKey)[] All =
    [
        (new MerchantId(Guid.Parse("0191f5a0-0000-7000-8000-000000000001")), "Demo Merchant 1", "sk_test_demo_merchant_1"),
        (new MerchantId(Guid.Parse("0191f5a0-0000-7000-8000-000000000002")), "Demo Merchant 2", "sk_test_demo_merchant_2"),
    ];

    /// <summary>Both demo merchants: 2.3% (230 bp), paid out T+2 business days, in force since 2026-01-01.</summary>
    public static FeeContract Contract(MerchantId merchantId) =>
        new(Guid.CreateVersion7(), merchantId, new DateOnly(2026, 1, 1), BasisPoints.Of(230), payoutDelayBusinessDays: 2);
}
