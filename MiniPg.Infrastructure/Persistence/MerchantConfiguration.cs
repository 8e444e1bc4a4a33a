using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MiniPg.Domain.Merchants;

namespace MiniPg.Infrastructure.Persistence;

internal sealed class MerchantConfiguration : IEntityTypeConfiguration<Merchant>
{
    public void Configure(EntityTypeBuilder<Merchant> builder)
    {
        builder.HasKey(merchant => merchant.Id);
        builder.Property(merchant => merchant.Name).HasMaxLength(100);
        builder.Property(merchant => merchant.ApiKeyHash).HasMaxLength(64);
        builder.HasIndex(merchant => merchant.ApiKeyHash).IsUnique();
    }
}
