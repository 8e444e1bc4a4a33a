using Microsoft.EntityFrameworkCore;

namespace MiniPg.Acquirer.Ledger;

/// <summary>The acquirer's own ledger, in its own database: the gateway never reads it except through the HTTP export.</summary>
public sealed class AcquirerDbContext(DbContextOptions<AcquirerDbContext> options) : DbContext(options)
{
    public DbSet<Approval> Approvals => Set<Approval>();

    public DbSet<Cancellation> Cancellations => Set<Cancellation>();

    public DbSet<TransientFailureCounter> TransientFailureCounters => Set<TransientFailureCounter>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Approval>(approval =>
        {
            approval.HasKey(a => a.RequestId);
            approval.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
            approval.Property(a => a.CardBin).HasMaxLength(6).IsFixedLength();
            approval.Property(a => a.CardLast4).HasMaxLength(4).IsFixedLength();
            approval.Property(a => a.TransactionId).HasMaxLength(36);
            approval.Property(a => a.DeclineCode).HasMaxLength(32);
            approval.HasIndex(a => a.TransactionId).IsUnique();
            approval.HasIndex(a => a.ApprovedAt);
            approval.Ignore(a => a.RemainingAmount);
        });

        modelBuilder.Entity<Cancellation>(cancellation =>
        {
            cancellation.HasKey(c => c.CancellationId);
            cancellation.Property(c => c.TransactionId).HasMaxLength(36);
            cancellation.Property(c => c.Reason).HasMaxLength(Cancellation.MaxReasonLength);
            cancellation.HasOne<Approval>().WithMany().HasForeignKey(c => c.RequestId);
            cancellation.HasIndex(c => c.CancelledAt);
        });

        modelBuilder.Entity<TransientFailureCounter>(counter => counter.HasKey(c => c.RequestId));
    }
}
