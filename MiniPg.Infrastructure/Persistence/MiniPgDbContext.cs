using Microsoft.EntityFrameworkCore;
using MiniPg.Domain.Cards;
using MiniPg.Domain.Fees;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Settlement;
using MiniPg.Domain.Webhooks;
using MiniPg.Infrastructure.Cards;
using MiniPg.Infrastructure.Idempotency;
using MiniPg.Infrastructure.Outbox;

namespace MiniPg.Infrastructure.Persistence;

public sealed class MiniPgDbContext(DbContextOptions<MiniPgDbContext> options) : DbContext(options)
{
    public DbSet<Merchant> Merchants => Set<Merchant>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<VaultedCard> VaultedCards => Set<VaultedCard>();

    public DbSet<FeeContract> FeeContracts => Set<FeeContract>();

    public DbSet<SettlementRun> SettlementRuns => Set<SettlementRun>();

    public DbSet<SettlementLine> SettlementLines => Set<SettlementLine>();

    public DbSet<SettlementItem> SettlementItems => Set<SettlementItem>();

    public DbSet<PaymentActivity> PaymentActivities => Set<PaymentActivity>();

    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<WebhookDeliveryAttempt> WebhookDeliveryAttempts => Set<WebhookDeliveryAttempt>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Won>().HaveConversion<WonConverter>();
        configurationBuilder.Properties<PaymentId>().HaveConversion<PaymentIdConverter>();
        configurationBuilder.Properties<MerchantId>().HaveConversion<MerchantIdConverter>();
        configurationBuilder.Properties<PaymentStatus>().HaveConversion<WireNameEnumConverter<PaymentStatus>>().HaveMaxLength(20);
        configurationBuilder.Properties<CardBrand>().HaveConversion<WireNameEnumConverter<CardBrand>>().HaveMaxLength(20);
        configurationBuilder.Properties<SettlementRunStatus>().HaveConversion<WireNameEnumConverter<SettlementRunStatus>>().HaveMaxLength(20);
        configurationBuilder.Properties<SettlementItemKind>().HaveConversion<WireNameEnumConverter<SettlementItemKind>>().HaveMaxLength(20);
        configurationBuilder.Properties<BasisPoints>().HaveConversion<BasisPointsConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MiniPgDbContext).Assembly);
}
