using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MiniPg.Infrastructure.Outbox;

namespace MiniPg.Infrastructure.Persistence;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox");
        builder.HasKey(message => message.Id);
        builder.Property(message => message.Topic).HasMaxLength(100);
        builder.Property(message => message.MessageKey).HasMaxLength(100);
        builder.Property(message => message.Payload).HasColumnType("jsonb");
        builder.Property(message => message.TraceParent).HasMaxLength(55);
        builder.HasIndex(message => message.CreatedAt).HasFilter("published_at IS NULL").HasDatabaseName("ix_outbox_unpublished");
        builder.HasIndex(message => message.PublishedAt).HasFilter("published_at IS NOT NULL").HasDatabaseName("ix_outbox_published");
    }
}
