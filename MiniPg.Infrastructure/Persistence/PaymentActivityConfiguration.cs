using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MiniPg.Domain.Payments;

namespace MiniPg.Infrastructure.Persistence;

internal sealed class PaymentActivityConfiguration : IEntityTypeConfiguration<PaymentActivity>
{
    public void Configure(EntityTypeBuilder<PaymentActivity> builder)
    {
        builder.HasKey(activity => activity.Id);
        builder.Property(activity => activity.Id).UseIdentityAlwaysColumn();
        builder.HasOne<Payment>().WithMany().HasForeignKey(activity => activity.PaymentId);
        builder.HasIndex(activity => new { activity.PaymentId, activity.OccurredAt });
        builder.Property(activity => activity.Kind).HasMaxLength(40);
        builder.Property(activity => activity.Outcome).HasMaxLength(40);
        builder.Property(activity => activity.Detail).HasMaxLength(PaymentActivity.MaxDetailLength);
    }
}
