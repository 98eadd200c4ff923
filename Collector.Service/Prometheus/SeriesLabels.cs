using PerfMonitor.Collector.Ingestion;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Prometheus;

/// <summary>
/// A remote-write series' labels, decoded once: the <c>__name__</c> value as the metric, the other labels as they came
/// (unsorted, unvalidated), and how many label fields the series carried, which decides whether it has too many. The
/// series checked and normalised for its samples (<see cref="Prepare"/>) is kept with it, so a cached series is
/// validated, sorted, hashed and encoded once, not once per sample.
/// </summary>
public sealed record SeriesLabels(string Metric, Label[] Labels, int WireCount)
{
    private PreparedSeries? prepared;

    public static SeriesLabels None { get; } = new("", [], 0);

    /// <summary>The series as its samples are published (or refused), prepared on first use; every sample is cumulative.</summary>
    public PreparedSeries Prepare(SampleValidator validator)
    {
        // Two requests may prepare the same series at once: both get the same result, one of them is kept.
        return Volatile.Read(ref prepared)
            ?? Interlocked.CompareExchange(ref prepared, validator.Prepare(Metric, Labels, Temporality.Cumulative), null)
            ?? prepared!;
    }
}
