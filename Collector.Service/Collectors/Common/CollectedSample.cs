using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Collectors.Common;

/// <summary>Builds the samples built-in collectors emit; the pipeline validates them like any client's.</summary>
public static class CollectedSample
{
    public static Sample Gauge(string metric, double value, string unit, params (string Name, string Value)[] labels) =>
        Create(metric, value, MetricKind.Gauge, unit, labels);

    /// <summary>A running total (what /proc and pg_stat_* report), never an increment.</summary>
    public static Sample Counter(string metric, double value, string unit, params (string Name, string Value)[] labels) =>
        Create(metric, value, MetricKind.Counter, unit, labels, Temporality.Cumulative);

    private static Sample Create(string metric, double value, MetricKind kind, string unit, (string Name, string Value)[] labels,
        Temporality temporality = Temporality.Unspecified)
    {
        var sample = new Sample { Metric = metric, Value = value, Kind = kind, Unit = unit, Temporality = temporality };
        sample.Labels.AddRange(labels.Select(l => new Label { Name = l.Name, Value = l.Value }));
        return sample;
    }
}
