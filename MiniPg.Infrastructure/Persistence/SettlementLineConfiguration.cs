using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MiniPg.Domain.Settlement;

namespace MiniPg.Infrastructure.Persistence;

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
