using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>A row of perfmon.series as PromQL sees it: the metric name is the <c>__name__</c> label.</summary>
public sealed record StoredSeries(long Id, LabelSet Labels, string Kind, string Unit, CounterTemporality Temporality);
