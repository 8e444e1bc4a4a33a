namespace MiniPg.Settlement.Runs;

/// <summary>Reported after each merchant's line is committed, for the CLI's progress display.</summary>
public sealed record SettlementProgress(int MerchantsDone, int MerchantsTotal, Guid MerchantId, int Items);
