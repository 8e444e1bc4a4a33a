using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using MiniPg.Domain.Cards;
using MiniPg.Infrastructure.Cards;
using MiniPg.Domain.Events;
using MiniPg.Infrastructure.Idempotency;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Money;
using MiniPg.Infrastructure.Outbox;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Fees;
using MiniPg.Domain.Settlement;

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

    /// <summary>
    /// Saves state and the events the aggregates recorded in one transaction: each pending event becomes an
    /// outbox row in the same <c>SaveChanges</c>, which is what makes the outbox trustworthy.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var payments = ChangeTracker.Entries<Payment>().Select(entry => entry.Entity).ToList();
        var traceParent = Activity.Current?.IdFormat == ActivityIdFormat.W3C ? Activity.Current.Id : null;
        foreach (var integrationEvent in payments.SelectMany(payment => payment.PendingEvents))
        {
            OutboxMessages.Add(new OutboxMessage(
                integrationEvent.EventId,
                Topics.For(integrationEvent),
                integrationEvent.PaymentId.ToString(),
                EventSerializer.Serialize(integrationEvent),
                traceParent,
                integrationEvent.OccurredAt));
        }

        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        payments.ForEach(payment => payment.ClearPendingEvents());
        return written;
    }

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
