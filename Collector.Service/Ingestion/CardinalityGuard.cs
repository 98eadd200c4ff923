using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PerfMonitor.Collector.Ingestion.Limits;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Collector.Ingestion;

/// <summary>
/// Bounds the distinct series of each metric (<see cref="IngestOptions.MaxSeriesPerMetric"/>), so one label that
/// carries a request id cannot swamp storage. Series already seen keep flowing; only new ones beyond the limit
/// are refused and counted in perfmon.collector.samples.rejected{reason=cardinality}. Remembered for the life of
/// the process.
/// </summary>
public sealed class CardinalityGuard(IOptions<IngestOptions> options, IngestMetrics ingestMetrics)
{
    private readonly ConcurrentDictionary<string, SeriesSet> metrics = new(StringComparer.Ordinal);

    // Every admitted series with its metric: the per-sample check of a known series is then one lookup by the
    // 64-bit id, without hashing the metric name (that string lookup was the guard's main cost on the ingest path).
    private readonly ConcurrentDictionary<ulong, string> admitted = new();

    /// <summary>Returns the refusal for a normalised sample (series id set), or null when its series may pass.</summary>
    public SampleError? Admit(int index, Sample sample)
    {
        if (admitted.TryGetValue(sample.SeriesId, out var known) && string.Equals(known, sample.Metric, StringComparison.Ordinal))
        {
            return null;
        }
        var series = metrics.GetOrAdd(sample.Metric, static _ => new SeriesSet());
        if (series.Ids.ContainsKey(sample.SeriesId))
        {
            return null;
        }
        var limit = options.Value.MaxSeriesPerMetric;
        lock (series)
        {
            if (series.Ids.Count >= limit && !series.Ids.ContainsKey(sample.SeriesId))
            {
                ingestMetrics.Rejected(1, IngestMetrics.CardinalityReason);
                return new(index, "labels", $"metric {sample.Metric} has reached its limit of {limit} series; this label set would add another");
            }
            series.Ids.TryAdd(sample.SeriesId, 0);
            admitted.TryAdd(sample.SeriesId, sample.Metric);
            return null;
        }
    }

    public int SeriesOf(string metric) => metrics.TryGetValue(metric, out var series) ? series.Ids.Count : 0;

    private sealed class SeriesSet
    {
        public ConcurrentDictionary<ulong, byte> Ids { get; } = new();
    }
}
