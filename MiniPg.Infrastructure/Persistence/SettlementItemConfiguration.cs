using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MiniPg.Domain.Settlement;

namespace MiniPg.Infrastructure.Persistence;

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
