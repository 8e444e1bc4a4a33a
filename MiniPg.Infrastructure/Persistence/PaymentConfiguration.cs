using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MiniPg.Domain.Merchants;
using MiniPg.Domain.Payments;

namespace MiniPg.Infrastructure.Persistence;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.HasKey(payment => payment.Id);
        builder.HasOne<Merchant>().WithMany().HasForeignKey(payment => payment.MerchantId);
        // The merchant's payment list: newest first, the id breaking ties, so a cursor (requested_at, id) is exact.
        builder.HasIndex(payment => new { payment.MerchantId, payment.RequestedAt, payment.Id }).IsDescending(false, true, true);
        builder.HasIndex(payment => new { payment.MerchantId, payment.OrderId });
        builder.HasIndex(payment => payment.RequestedAt).HasFilter("status = 'REQUESTED'").HasDatabaseName("ix_payments_in_flight");
        builder.Property(payment => payment.OrderId).HasMaxLength(Payment.MaxOrderIdLength);
        builder.Property(payment => payment.OrderName).HasMaxLength(Payment.MaxOrderNameLength);
        builder.Property(payment => payment.AcquirerTransactionId).HasMaxLength(64);
        builder.Property(payment => payment.Revision).IsConcurrencyToken();
        builder.Ignore(payment => payment.RemainingAmount);
        builder.Ignore(payment => payment.CancellableAmount);
        builder.Ignore(payment => payment.PendingEvents);

        builder.ComplexProperty(payment => payment.Card, card =>
        {
            card.Property(c => c.Brand).HasColumnName("card_brand");
            card.Property(c => c.Bin).HasColumnName("card_bin").HasMaxLength(8);
            card.Property(c => c.Last4).HasColumnName("card_last4").HasMaxLength(4);
            card.Property(c => c.Token).HasColumnName("card_token").HasMaxLength(64);
        });
        builder.ComplexProperty(payment => payment.Failure, failure =>
        {
            failure.Property(f => f.Code).HasColumnName("failure_code").HasMaxLength(64);
            failure.Property(f => f.Message).HasColumnName("failure_message").HasMaxLength(500);
        });
        builder.OwnsMany(payment => payment.Cancellations, cancellation =>
        {
            cancellation.ToTable("payment_cancellations");
            cancellation.WithOwner().HasForeignKey("PaymentId");
            cancellation.HasKey(c => c.Id);
            cancellation.Property(c => c.Id).ValueGeneratedNever();
            cancellation.Property(c => c.Reason).HasMaxLength(Payment.MaxCancelReasonLength);
        });
        builder.Navigation(payment => payment.Cancellations).HasField("_cancellations");
        builder.OwnsMany(payment => payment.CancellationReservations, reservation =>
        {
            reservation.ToTable("cancellation_reservations");
            reservation.WithOwner().HasForeignKey("PaymentId");
            reservation.HasKey(r => r.Id);
            reservation.Property(r => r.Id).ValueGeneratedNever();
            reservation.Property(r => r.Reason).HasMaxLength(Payment.MaxCancelReasonLength);
            reservation.HasIndex(r => r.ReservedAt);
        });
        builder.Navigation(payment => payment.CancellationReservations).HasField("_cancellationReservations");
    }
}
