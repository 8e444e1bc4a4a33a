using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MiniPg.Infrastructure.Cards;

namespace MiniPg.Infrastructure.Persistence;

internal sealed class VaultedCardConfiguration : IEntityTypeConfiguration<VaultedCard>
{
    public void Configure(EntityTypeBuilder<VaultedCard> builder)
    {
        builder.ToTable("card_vault");
        builder.HasKey(card => card.Token);
        builder.Property(card => card.Token).HasMaxLength(64);
        builder.HasIndex(card => card.CreatedAt);
    }
}
