using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Prometheus;

/// <summary>One sample line of a scrape: a null timestamp means "at scrape time".</summary>
public sealed record ExposedSample(string Name, List<Label> Labels, double Value, long? TimestampMs, MetricKind Kind);
