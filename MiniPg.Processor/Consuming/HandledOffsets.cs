using Confluent.Kafka;

namespace MiniPg.Processor.Consuming;

/// <summary>
/// Which offset of each partition may be stored while messages are handled concurrently and finish in any order: the
/// stored position never passes a message still being handled, so a crash redelivers every message not yet handled
/// (and perhaps some that were, which the handler treats as duplicates). Offsets are consumed in increasing order per
/// partition, so every consumed offset below the lowest one still running has been handled.
/// </summary>
public sealed class HandledOffsets
{
    private readonly Lock gate = new();
    private readonly Dictionary<TopicPartition, PartitionState> partitions = [];

    /// <summary>Records that the message at <paramref name="offset"/> is being handled; pass the ticket to <see cref="Handled"/>.</summary>
    public Ticket Started(TopicPartitionOffset offset)
    {
        lock (gate)
        {
            if (!partitions.TryGetValue(offset.TopicPartition, out var partition))
            {
                // The first message's offset is where this consumer resumed: already the committed position.
                partition = new PartitionState { Stored = offset.Offset.Value };
                partitions.Add(offset.TopicPartition, partition);
            }

            partition.Running.Add(offset.Offset.Value);
            return new Ticket(offset, partition);
        }
    }

    /// <summary>Records that the message is handled. A ticket of a partition given up since (<see cref="GiveUp"/>) counts for nothing.</summary>
    public void Handled(Ticket ticket)
    {
        lock (gate)
        {
            var partition = ticket.Partition;
            if (partition.Running.Remove(ticket.Offset.Offset.Value))
            {
                partition.HighestHandled = Math.Max(partition.HighestHandled ?? long.MinValue, ticket.Offset.Offset.Value);
            }
        }
    }

    /// <summary>The positions (next offset to consume) that moved since last asked, one per partition.</summary>
    public List<TopicPartitionOffset> TakeStorable()
    {
        lock (gate)
        {
            var storable = new List<TopicPartitionOffset>();
            foreach (var (topicPartition, partition) in partitions)
            {
                var position = partition.Running.Count > 0 ? partition.Running.Min : partition.HighestHandled + 1;
                if (position is { } next && next > (partition.Stored ?? long.MinValue))
                {
                    partition.Stored = next;
                    storable.Add(new TopicPartitionOffset(topicPartition, new Offset(next)));
                }
            }

            return storable;
        }
    }

    /// <summary>
    /// Forgets partitions this consumer no longer owns: messages of theirs still running are redelivered to the new
    /// owner from its last committed position, and their completion here is ignored.
    /// </summary>
    public void GiveUp(IEnumerable<TopicPartition> revoked)
    {
        lock (gate)
        {
            foreach (var topicPartition in revoked)
            {
                if (partitions.Remove(topicPartition, out var partition))
                {
                    partition.Running.Clear();
                }
            }
        }
    }

    /// <summary>One message being handled, tied to the partition state it started in.</summary>
    public sealed record Ticket
    {
        internal Ticket(TopicPartitionOffset offset, PartitionState partition) => (Offset, Partition) = (offset, partition);

        public TopicPartitionOffset Offset { get; }

        internal PartitionState Partition { get; }
    }

    internal sealed class PartitionState
    {
        public SortedSet<long> Running { get; } = [];

        public long? HighestHandled { get; set; }

        public long? Stored { get; set; }
    }
}
