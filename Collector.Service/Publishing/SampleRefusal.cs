using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Publishing;

/// <summary>
/// A validated sample that Kafka cannot take and a retry would not change: too large for one record, or refused
/// permanently by the broker. Its sender is told why; <paramref name="Kind"/> tags perfmon.collector.samples.rejected.
/// </summary>
public sealed record SampleRefusal(Sample Sample, string Reason, string Kind)
{
    public const string TooLarge = "too_large";
    public const string RefusedByKafka = "kafka_refused";
}
