using System.ComponentModel.DataAnnotations;

namespace MiniPg.Processor.Consuming;

public sealed class ProcessorOptions
{
    public const string Section = "Processor";

    /// <summary>Attempts per payment before its request goes to the dead-letter topic (the last one net-cancels).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay before the first retry; each further retry doubles it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages taken from Kafka and processed concurrently per round: a 50 ms acquirer is not a 20/s ceiling.</summary>
    [Range(1, 1000)]
    public int Concurrency { get; set; } = 64;

    [Required]
    public string ConsumerGroup { get; set; } = "minipg-processor";
}
