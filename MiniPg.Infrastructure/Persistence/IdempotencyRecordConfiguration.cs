using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MiniPg.Domain.Merchants;
using MiniPg.Infrastructure.Idempotency;

namespace MiniPg.Infrastructure.Persistence;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.HasKey(record => new { record.MerchantId, record.IdempotencyKey });
        builder.HasOne<Merchant>().WithMany().HasForeignKey(record => record.MerchantId);
        builder.Property(record => record.IdempotencyKey).HasMaxLength(255);
        builder.Property(record => record.RequestFingerprint).HasMaxLength(64);
        builder.Property(record => record.ResponseLocation).HasMaxLength(200);
        builder.HasIndex(record => record.CreatedAt);
    }
}
