using PerfMonitor.PromQL.Model;

namespace PerfMonitor.PromQL.Storage;

/// <summary>
/// Where the engine reads series from: raw samples or rollup buckets. PerfMonitor's adapter reads the minute,
/// five-minute and hour rollups; the in-memory source serves tests and the conformance harness.
/// </summary>
public interface ISeriesSource
{
    /// <summary>The resolutions this source can serve, ascending, in milliseconds; 0 means raw samples.</summary>
    IReadOnlyList<long> ResolutionsMs { get; }

    /// <summary>
    /// The series matching all matchers (the metric name is the <c>__name__</c> matcher), each with its points at
    /// the requested resolution whose last sample lies in [FromMs, ToMs], in time order, and at least the requested
    /// fields filled. Series with no point in the range may be left out.
    /// </summary>
    Task<SeriesSelection> SelectAsync(SeriesRequest request, CancellationToken cancellationToken);
}

public sealed record SeriesRequest(IReadOnlyList<LabelMatcher> Matchers, long FromMs, long ToMs, long ResolutionMs, BucketFields Fields);

/// <summary>The selected series and anything the source wants the user to know (ends up in the response's warnings).</summary>
public sealed record SeriesSelection(IReadOnlyList<SeriesPoints> Series, IReadOnlyList<string> Warnings);

/// <summary>
/// One series: its labels (the metric name as <c>__name__</c>), its points, and whether its samples are a counter's
/// running total (<see cref="CounterTemporality.Cumulative"/>, also every gauge) or its increments.
/// </summary>
public sealed record SeriesPoints(LabelSet Labels, PointColumns Points, CounterTemporality Temporality = CounterTemporality.Cumulative);
