using System.Diagnostics.Metrics;

namespace PerfMonitor.Collector.Spool;

/// <summary>The spool's instruments on Meter "PerfMonitor.Collector": depth and size now, samples in and out over time.</summary>
public sealed class SpoolMetrics
{
    public const string MeterName = "PerfMonitor.Collector";

    private readonly Counter<long> spooled;
    private readonly Counter<long> replayed;
    private readonly Counter<long> refused;
    private readonly Counter<long> corrupt;
    private readonly Counter<long> possibleDuplicates;
    private readonly Counter<long> deadLettered;
    private readonly Counter<long> dropped;

    public SpoolMetrics(IMeterFactory meterFactory, SampleSpool spool)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("perfmon.collector.spool.records", () => spool.PendingRecords, "{record}", "Spooled records not yet confirmed by Kafka (spool depth).");
        meter.CreateObservableGauge("perfmon.collector.spool.bytes", () => spool.Bytes, "By", "Bytes the spool occupies on disk.");
        meter.CreateObservableGauge("perfmon.collector.spool.segments", () => spool.Segments, "{segment}", "Spool segment files on disk.");
        spooled = meter.CreateCounter<long>("perfmon.collector.spool.spooled", "{sample}", "Accepted samples written to the spool because Kafka was unavailable or slow.");
        replayed = meter.CreateCounter<long>("perfmon.collector.spool.replayed", "{sample}", "Spooled samples confirmed by Kafka after replay.");
        refused = meter.CreateCounter<long>("perfmon.collector.spool.refused", "{sample}", "Samples answered 503 because the spool was full.");
        corrupt = meter.CreateCounter<long>("perfmon.collector.spool.corrupt", "{record}", "Spooled records whose checksum failed on replay; dropped.");
        possibleDuplicates = meter.CreateCounter<long>("perfmon.collector.publish.possible_duplicates", "{sample}",
            "Samples re-sent after Kafka reported them possibly persisted: at-least-once, they may be counted twice.");
        deadLettered = meter.CreateCounter<long>("perfmon.collector.spool.dead_lettered", "{sample}",
            "Spooled samples Kafka refused for good on replay, sent to perfmon.samples.dlq with the reason in a header.");
        dropped = meter.CreateCounter<long>("perfmon.collector.spool.dropped", "{sample}",
            "Spooled samples neither the samples topic nor the dead-letter topic can ever take (each logged with its reason).");
    }

    public void Spooled(long samples) => spooled.Add(samples);

    public void Replayed(long samples) => replayed.Add(samples);

    public void Refused(long samples) => refused.Add(samples);

    public void Corrupt() => corrupt.Add(1);

    public void PossibleDuplicates(long samples) => possibleDuplicates.Add(samples);

    public void DeadLettered(long samples) => deadLettered.Add(samples);

    public void Dropped(long samples) => dropped.Add(samples);
}
