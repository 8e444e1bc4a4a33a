using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MiniPg.Domain.Fees;
using MiniPg.Domain.Merchants;

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
