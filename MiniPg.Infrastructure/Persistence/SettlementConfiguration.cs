using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MiniPg.Domain.Fees;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Settlement;

namespace MiniPg.Infrastructure.Persistence;

internal sealed class FeeContractConfiguration : IEntityTypeConfiguration<FeeContract>
{
    public void Configure(EntityTypeBuilder<FeeContract> builder)
    {
        builder.HasKey(contract => contract.Id);
        builder.Property(contract => contract.Id).ValueGeneratedNever();
        builder.HasOne<Merchant>().WithMany().HasForeignKey(contract => contract.MerchantId);
        builder.HasIndex(contract => new { contract.MerchantId, contract.EffectiveFrom }).IsUnique();
    }
}

internal sealed class SettlementRunConfiguration : IEntityTypeConfiguration<SettlementRun>
{
    public void Configure(EntityTypeBuilder<SettlementRun> builder)
    {
        builder.HasKey(run => run.BusinessDate);
        builder.Property(run => run.Failure).HasMaxLength(2000);
    }
}

internal sealed class SettlementLineConfiguration : IEntityTypeConfiguration<SettlementLine>
{
    public void Configure(EntityTypeBuilder<SettlementLine> builder)
    {
        builder.HasKey(line => line.Id);
        builder.Property(line => line.Id).ValueGeneratedNever();
        builder.Ignore(line => line.TotalAmount);
        builder.HasIndex(line => new { line.BusinessDate, line.MerchantId }).IsUnique();
        builder.HasIndex(line => new { line.MerchantId, line.BusinessDate });
    }
}

internal sealed class SettlementItemConfiguration : IEntityTypeConfiguration<SettlementItem>
{
    public void Configure(EntityTypeBuilder<SettlementItem> builder)
    {
        builder.HasKey(item => item.Id);
        builder.Property(item => item.Id).ValueGeneratedNever();
        builder.Property(item => item.OrderId).HasMaxLength(64);
        builder.HasIndex(item => new { item.BusinessDate, item.MerchantId });

        // Each approval and each cancel is settled exactly once, ever: the database refuses a second time.
        builder.HasIndex(item => item.PaymentId).IsUnique().HasFilter("kind = 'APPROVAL'").HasDatabaseName("ux_settlement_items_approval");
        builder.HasIndex(item => item.CancellationId).IsUnique().HasFilter("cancellation_id IS NOT NULL").HasDatabaseName("ux_settlement_items_cancellation");
    }
}
