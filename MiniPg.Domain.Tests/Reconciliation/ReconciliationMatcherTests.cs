using MiniPg.Domain.Money;
using MiniPg.Domain.Payments;
using MiniPg.Domain.Reconciliation;
using static MiniPg.Domain.Tests.Reconciliation.ReconciliationInputs;

namespace MiniPg.Domain.Tests.Reconciliation;

public sealed class ReconciliationMatcherTests
{
    private static readonly Guid Payment = Guid.Parse("0198c0de-0000-7000-8000-000000000101");
    private static readonly Guid Cancellation = Guid.Parse("0198c0de-0000-7000-8000-000000000201");

    [Theory]
    [InlineData(PaymentStatus.Approved, 10_000L, 10_000L, ReconciliationClass.Matched)]
    [InlineData(PaymentStatus.Settled, 10_000L, 10_000L, ReconciliationClass.Matched)]
    [InlineData(PaymentStatus.Cancelled, 10_000L, 10_000L, ReconciliationClass.Matched)]
    [InlineData(null, null, 10_000L, ReconciliationClass.AcquirerOnly)]
    [InlineData(PaymentStatus.Approved, 10_000L, null, ReconciliationClass.OursOnly)]
    [InlineData(PaymentStatus.Approved, 10_000L, 9_000L, ReconciliationClass.AmountMismatch)]
    [InlineData(PaymentStatus.Failed, 10_000L, 10_000L, ReconciliationClass.StatusMismatch)]
    [InlineData(PaymentStatus.Requested, 10_000L, 10_000L, ReconciliationClass.StatusMismatch)]
    [InlineData(PaymentStatus.Failed, 10_000L, null, ReconciliationClass.Matched)]
    public void An_approval_is_classified_by_what_each_side_recorded(PaymentStatus? ourStatus, long? ourAmount, long? theirAmount, ReconciliationClass expected)
    {
        List<OurTransaction> ours = ourStatus is { } status ? [OurApproval(Payment, ourAmount!.Value, status)] : [];
        List<AcquirerTransaction> theirs = theirAmount is { } amount ? [TheirApproval(Payment, amount)] : [];

        var entry = Assert.Single(ReconciliationMatcher.Classify(ours, theirs).Entries);

        Assert.Equal(
            (expected, TransactionKind.Approval, new PaymentId(Payment), ToWon(ourAmount), ToWon(theirAmount), ourStatus),
            (entry.Class, entry.Kind, entry.PaymentId, entry.OurAmount, entry.TheirAmount, entry.OurStatus));
    }

    [Theory]
    [InlineData(3_000L, 3_000L, ReconciliationClass.Matched)]
    [InlineData(3_000L, 2_000L, ReconciliationClass.AmountMismatch)]
    [InlineData(3_000L, null, ReconciliationClass.OursOnly)]
    public void A_cancellation_is_classified_by_its_cancellation_id(long ourAmount, long? theirAmount, ReconciliationClass expected)
    {
        List<AcquirerTransaction> theirs = theirAmount is { } amount ? [TheirCancellation(Payment, Cancellation, amount)] : [];

        var entry = Assert.Single(ReconciliationMatcher.Classify([OurCancellation(Payment, Cancellation, ourAmount, ourAmount)], theirs).Entries);

        Assert.Equal(
            (expected, TransactionKind.Cancellation, Cancellation, new Won(ourAmount), ToWon(theirAmount)),
            (entry.Class, entry.Kind, entry.CancellationId, entry.OurAmount, entry.TheirAmount));
    }

    [Fact]
    public void A_cancellation_at_the_acquirer_of_a_payment_we_show_uncancelled_is_a_status_mismatch()
    {
        var report = ReconciliationMatcher.Classify(
            [OurApproval(Payment)],
            [TheirApproval(Payment), TheirCancellation(Payment, Cancellation, 4_000)]);

        var cancellation = Assert.Single(report.Entries, entry => entry.Kind == TransactionKind.Cancellation);
        Assert.Equal((ReconciliationClass.StatusMismatch, (Won?)null, (Won?)new Won(4_000)), (cancellation.Class, cancellation.OurAmount, cancellation.TheirAmount));
        Assert.Equal(ReconciliationClass.Matched, Assert.Single(report.Entries, entry => entry.Kind == TransactionKind.Approval).Class);
    }

    [Fact]
    public void A_cancellation_only_the_acquirer_has_of_a_partly_cancelled_payment_is_acquirer_only()
    {
        var ours = Guid.Parse("0198c0de-0000-7000-8000-000000000202");

        var report = ReconciliationMatcher.Classify(
            [OurApproval(Payment, cancelled: 1_000), OurCancellation(Payment, ours, 1_000, paymentCancelled: 1_000)],
            [TheirApproval(Payment), TheirCancellation(Payment, ours, 1_000), TheirCancellation(Payment, Cancellation, 2_000)]);

        Assert.Equal(ReconciliationClass.AcquirerOnly, Assert.Single(report.Entries, entry => entry.CancellationId == Cancellation).Class);
        Assert.Equal(2, report.Counts[ReconciliationClass.Matched]);
    }

    [Fact]
    public void A_cancellation_of_a_payment_we_do_not_have_is_acquirer_only()
    {
        var entry = Assert.Single(ReconciliationMatcher.Classify([], [TheirCancellation(Payment, Cancellation, 2_000)]).Entries);

        Assert.Equal((ReconciliationClass.AcquirerOnly, (PaymentStatus?)null), (entry.Class, entry.OurStatus));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    [InlineData(2, 0)]
    [InlineData(0, 2)]
    public void The_same_payment_approved_twice_on_either_side_is_one_duplicate(int ourCount, int theirCount)
    {
        var report = ReconciliationMatcher.Classify(
            [.. Enumerable.Repeat(OurApproval(Payment), ourCount)],
            [.. Enumerable.Repeat(TheirApproval(Payment), theirCount)]);

        var entry = Assert.Single(report.Entries);
        Assert.Equal(
            (ReconciliationClass.Duplicate, ToWon(ourCount == 0 ? null : ourCount * 10_000L), ToWon(theirCount == 0 ? null : theirCount * 10_000L)),
            (entry.Class, entry.OurAmount, entry.TheirAmount));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    public void The_same_cancellation_id_twice_on_either_side_is_one_duplicate(int ourCount, int theirCount)
    {
        var report = ReconciliationMatcher.Classify(
            [OurApproval(Payment, cancelled: 3_000), .. Enumerable.Repeat(OurCancellation(Payment, Cancellation, 3_000, 3_000), ourCount)],
            [TheirApproval(Payment), .. Enumerable.Repeat(TheirCancellation(Payment, Cancellation, 3_000), theirCount)]);

        Assert.Equal(ReconciliationClass.Duplicate, Assert.Single(report.Entries, entry => entry.CancellationId == Cancellation).Class);
        Assert.Equal(1, report.Counts[ReconciliationClass.Duplicate]);
    }

    [Theory]
    [InlineData(PaymentStatus.Failed)]
    [InlineData(null)]
    public void An_approval_the_acquirer_net_cancelled_in_full_of_a_payment_we_never_approved_nets_to_zero(PaymentStatus? ourStatus)
    {
        List<OurTransaction> ours = ourStatus is { } status ? [OurApproval(Payment, status: status)] : [];

        var report = ReconciliationMatcher.Classify(ours, [TheirApproval(Payment), TheirCancellation(Payment, Cancellation, 10_000)]);

        Assert.Equal([ReconciliationClass.Matched, ReconciliationClass.Matched], report.Entries.Select(entry => entry.Class));
    }

    [Fact]
    public void A_partial_cancellation_does_not_excuse_a_ghost_approval()
    {
        var report = ReconciliationMatcher.Classify([OurApproval(Payment, status: PaymentStatus.Failed)], [TheirApproval(Payment), TheirCancellation(Payment, Cancellation, 4_000)]);

        Assert.Equal([ReconciliationClass.StatusMismatch, ReconciliationClass.StatusMismatch], report.Entries.Select(entry => entry.Class));
    }

    [Fact]
    public void An_empty_day_has_no_entries_and_a_zero_for_every_class()
    {
        var report = ReconciliationMatcher.Classify([], []);

        Assert.Empty(report.Entries);
        Assert.Equal(Enum.GetValues<ReconciliationClass>(), report.Counts.Keys.Order());
        Assert.All(report.Counts.Values, count => Assert.Equal(0, count));
    }

    [Fact]
    public void Every_line_of_a_mixed_day_lands_in_exactly_one_entry()
    {
        Guid[] ids = [.. Enumerable.Range(1, 8).Select(n => Guid.Parse($"0198c0de-0000-7000-8000-{n:D12}"))];
        var cancel = Guid.Parse("0198c0de-0000-7000-8000-0000000009c1");
        var ghostCancel = Guid.Parse("0198c0de-0000-7000-8000-0000000009c2");
        List<OurTransaction> ours =
        [
            OurApproval(ids[0]), OurApproval(ids[1]), OurApproval(ids[2], 5_000), OurApproval(ids[3], status: PaymentStatus.Failed),
            OurApproval(ids[4]), OurApproval(ids[4]), OurApproval(ids[5], cancelled: 2_000), OurCancellation(ids[5], cancel, 2_000, 2_000),
        ];
        List<AcquirerTransaction> theirs =
        [
            TheirApproval(ids[0]), TheirApproval(ids[2]), TheirApproval(ids[3]), TheirApproval(ids[4]), TheirApproval(ids[5]),
            TheirCancellation(ids[5], cancel, 2_000), TheirApproval(ids[6]), TheirApproval(ids[7]), TheirApproval(ids[7]),
            TheirCancellation(ids[6], ghostCancel, 500),
        ];

        var report = ReconciliationMatcher.Classify(ours, theirs);

        var inputKeys = ours.Select(our => (our.Kind, our.PaymentId, our.CancellationId))
            .Concat(theirs.Select(their => (
                their.Type == AcquirerTransaction.Approval ? TransactionKind.Approval : TransactionKind.Cancellation,
                new PaymentId(their.RequestId),
                their.CancellationId)))
            .ToHashSet();
        var entryKeys = report.Entries.Select(entry => (entry.Kind, entry.PaymentId, entry.CancellationId)).ToList();
        Assert.Equal(inputKeys.Count, entryKeys.Count);
        Assert.True(inputKeys.SetEquals(entryKeys));
        Assert.Equal(report.Entries.Count, report.Counts.Values.Sum());
        Assert.Equal(
            new Dictionary<ReconciliationClass, int>
            {
                [ReconciliationClass.Matched] = 3,
                [ReconciliationClass.AcquirerOnly] = 2,
                [ReconciliationClass.OursOnly] = 1,
                [ReconciliationClass.AmountMismatch] = 1,
                [ReconciliationClass.StatusMismatch] = 1,
                [ReconciliationClass.Duplicate] = 2,
            },
            report.Counts);
    }

    [Fact]
    public void An_export_line_of_an_unknown_type_is_refused()
    {
        var line = TheirApproval(Payment) with { Type = "REFUND" };

        Assert.Throws<ArgumentException>(() => ReconciliationMatcher.Classify([], [line]));
    }

    private static Won? ToWon(long? amount) => amount is { } value ? new Won(value) : null;
}
