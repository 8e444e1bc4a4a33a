using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MiniPg.Domain.Webhooks;

namespace MiniPg.Infrastructure.Persistence;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.HasKey(delivery => delivery.Id);
        builder.Property(delivery => delivery.Id).ValueGeneratedNever();
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(delivery => delivery.EndpointId);

        // One delivery per (event, endpoint): a redelivered Kafka record finds its deliveries already there.
        builder.HasIndex(delivery => new { delivery.EventId, delivery.EndpointId }).IsUnique();
        builder.HasIndex(delivery => new { delivery.EndpointId, delivery.CreatedAt, delivery.Id }).IsDescending(false, true, true);
        builder.HasIndex(delivery => delivery.PaymentId);
        builder.HasIndex(delivery => delivery.NextAttemptAt).HasFilter("status = 'PENDING'").HasDatabaseName("ix_webhook_deliveries_due");
        builder.Property(delivery => delivery.EventType).HasMaxLength(50);
        builder.Property(delivery => delivery.LastError).HasMaxLength(WebhookDeliveryAttempt.MaxErrorLength);
        builder.Property(delivery => delivery.Revision).IsConcurrencyToken();
        builder.Property(delivery => delivery.Status).HasConversion<WireNameEnumConverter<WebhookDeliveryStatus>>().HasMaxLength(20);
        builder.HasMany(delivery => delivery.Attempts).WithOne().HasForeignKey(attempt => attempt.DeliveryId);
        builder.Navigation(delivery => delivery.Attempts).HasField("_attempts");
    }
}

internal sealed class WebhookDeliveryAttemptConfiguration : IEntityTypeConfiguration<WebhookDeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryAttempt> builder)
    {
        builder.HasKey(attempt => attempt.Id);
        builder.Property(attempt => attempt.Id).UseIdentityAlwaysColumn();
        builder.HasIndex(attempt => attempt.DeliveryId);
        builder.Property(attempt => attempt.Error).HasMaxLength(WebhookDeliveryAttempt.MaxErrorLength);
    }
}
