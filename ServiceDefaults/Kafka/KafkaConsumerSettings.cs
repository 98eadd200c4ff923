using Confluent.Kafka;

namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>One consumer's shape, built by its service from its own validated options.</summary>
public sealed record KafkaConsumerSettings(string Name, string GroupId, IReadOnlyList<string> Topics, string MeterName)
{
    /// <summary>How long a poll waits for the first record of a batch; an empty batch is handed over when it expires.</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Records taken into one batch: the first waits up to <see cref="PollTimeout"/>, the rest only if already fetched.</summary>
    public int MaxBatch { get; init; } = 1_000;

    /// <summary>The pause after the first failure; it doubles with each failure in a row up to <see cref="KafkaOptions.MaxConsumerRestartDelay"/>.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// True: offsets live in Kafka, stored once a batch's handler has returned and committed by the client. False: the
    /// handler keeps them itself (with the rows it writes) and says where to resume on assignment.
    /// </summary>
    public bool StoreOffsets { get; init; }

    /// <summary>Changes to the shared consumer configuration (commit interval, fetch wait, offset reset).</summary>
    public Action<ConsumerConfig>? Configure { get; init; }
}
