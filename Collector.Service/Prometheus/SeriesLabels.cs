using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Prometheus;

/// <summary>
/// A remote-write series' labels, decoded once: the <c>__name__</c> value as the metric, the other labels as they came
/// (unsorted, unvalidated: each sample is validated on its own), and how many label fields the series carried, which
/// decides whether it has too many. Shared by every sample of the series, which only ever reorders its own list.
/// </summary>
public sealed record SeriesLabels(string Metric, Label[] Labels, int WireCount)
{
    public static SeriesLabels None { get; } = new("", [], 0);
}
