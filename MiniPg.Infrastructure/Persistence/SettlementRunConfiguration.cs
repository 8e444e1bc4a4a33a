using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MiniPg.Domain.Settlement;

namespace MiniPg.Infrastructure.Persistence;

internal sealed class SettlementRunConfiguration : IEntityTypeConfiguration<SettlementRun>
{
    public void Configure(EntityTypeBuilder<SettlementRun> builder)
    {
        builder.HasKey(run => run.BusinessDate);
        builder.Property(run => run.Failure).HasMaxLength(2000);
    }
}
