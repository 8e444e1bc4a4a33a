using Confluent.Kafka;
using MiniPg.Processor.Consuming;

namespace MiniPg.Tests.Processor;

public sealed class HandledOffsetsTests
{
    private static readonly TopicPartition Partition = new("payment.requested", new Partition(0));

    [Fact]
    public void The_stored_position_never_passes_a_message_still_running()
    {
        var offsets = new HandledOffsets();
        var tickets = Enumerable.Range(10, 3).Select(offset => offsets.Started(new TopicPartitionOffset(Partition, offset))).ToList();

        offsets.Handled(tickets[2]);
        Assert.Empty(offsets.TakeStorable());

        offsets.Handled(tickets[0]);
        Assert.Equal(11, Assert.Single(offsets.TakeStorable()).Offset.Value);

        offsets.Handled(tickets[1]);
        Assert.Equal(13, Assert.Single(offsets.TakeStorable()).Offset.Value);
        Assert.Empty(offsets.TakeStorable());
    }

    [Fact]
    public void Partitions_are_tracked_apart()
    {
        var offsets = new HandledOffsets();
        var other = new TopicPartition(Partition.Topic, new Partition(1));
        var blocked = offsets.Started(new TopicPartitionOffset(Partition, 0));
        offsets.Started(new TopicPartitionOffset(Partition, 1));
        offsets.Handled(offsets.Started(new TopicPartitionOffset(other, 7)));

        var stored = Assert.Single(offsets.TakeStorable());

        Assert.Equal((other, 8L), (stored.TopicPartition, stored.Offset.Value));
        offsets.Handled(blocked);
        Assert.Equal(1, Assert.Single(offsets.TakeStorable()).Offset.Value);
    }

    [Fact]
    public void A_message_of_a_partition_given_up_counts_for_nothing_when_it_finishes()
    {
        var offsets = new HandledOffsets();
        var lost = offsets.Started(new TopicPartitionOffset(Partition, 4));
        offsets.GiveUp([Partition]);
        var redelivered = offsets.Started(new TopicPartitionOffset(Partition, 4));

        offsets.Handled(lost);
        Assert.Empty(offsets.TakeStorable());

        offsets.Handled(redelivered);
        Assert.Equal(5, Assert.Single(offsets.TakeStorable()).Offset.Value);
    }
}
