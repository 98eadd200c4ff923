using System.Diagnostics.Metrics;

namespace PerfMonitor.Collector.Ingestion;

/// <summary>The collector's own instruments (Meter "PerfMonitor.Collector"), exported like any other service's.</summary>
public sealed class IngestMetrics
{
    public const string MeterName = "PerfMonitor.Collector";
    public const string InvalidReason = "invalid";
    public const string CardinalityReason = "cardinality";

    private readonly Counter<long> accepted;
    private readonly Counter<long> rejected;

    public IngestMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        accepted = meter.CreateCounter<long>("perfmon.collector.samples.accepted", "{sample}", "Samples validated and handed to the publisher.");
        rejected = meter.CreateCounter<long>("perfmon.collector.samples.rejected", "{sample}", "Samples refused, by reason (invalid, cardinality, too_large, kafka_refused).");
    }

    public void Accepted(int count) => accepted.Add(count);

    public void Rejected(int count, string reason) => rejected.Add(count, new KeyValuePair<string, object?>("reason", reason));
}
