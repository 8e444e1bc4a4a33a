using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Webhooks;

namespace MiniPg.Infrastructure.Persistence;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.HasKey(endpoint => endpoint.Id);
        builder.Property(endpoint => endpoint.Id).ValueGeneratedNever();
        builder.HasOne<Merchant>().WithMany().HasForeignKey(endpoint => endpoint.MerchantId);
        builder.HasIndex(endpoint => endpoint.MerchantId);
        builder.Property(endpoint => endpoint.Url).HasMaxLength(WebhookTargets.MaxUrlLength);
        builder.Property(endpoint => endpoint.Description).HasMaxLength(WebhookEndpoint.MaxDescriptionLength);
        builder.Property(endpoint => endpoint.Secret).HasMaxLength(100);
    }
}
