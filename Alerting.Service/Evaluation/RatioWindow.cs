using PerfMonitor.Alerting.Rules;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>
/// Aggregation ratio: how many of the window's samples count in the numerator, in percent of all of them. Only counts
/// are kept, per second of sample time, so a window of a busy group holds one entry per second however many samples
/// arrive, and adding and aggregating cost the same at any rate.
/// </summary>
public sealed class RatioWindow(TimeSpan length) : ISampleWindow
{
    private const long MillisecondsPerBucket = 1_000;

    private readonly Queue<Bucket> buckets = new();
    private readonly long lengthMs = (long)length.TotalMilliseconds;
    private Bucket newest = new(long.MinValue, 0, 0);
    private long total;
    private long matched;

    public bool IsEmpty => total == 0;

    public void Add(long timestampMs, double value, long seriesId, bool inNumerator, Temporality temporality = Temporality.Unspecified)
    {
        var start = timestampMs - (timestampMs % MillisecondsPerBucket);
        // A sample older than the newest bucket (another series' clock, a late batch) counts in the newest: the window
        // moves by the newest sample time, as the per-series window does.
        if (start > newest.StartMs)
        {
            if (newest.Total > 0)
            {
                buckets.Enqueue(newest);
            }
            newest = new(start, 0, 0);
        }
        newest = newest with { Total = newest.Total + 1, Matched = newest.Matched + (inNumerator ? 1 : 0) };
        total++;
        matched += inNumerator ? 1 : 0;
        while (buckets.Count > 0 && buckets.Peek().StartMs + MillisecondsPerBucket <= timestampMs - lengthMs + 1)
        {
            var expired = buckets.Dequeue();
            total -= expired.Total;
            matched -= expired.Matched;
        }
    }

    /// <summary>The numerator's share in percent; this window serves only the ratio aggregation.</summary>
    public double Aggregate(RuleAggregation aggregation) => total == 0 ? double.NaN : 100.0 * matched / total;

    private readonly record struct Bucket(long StartMs, long Total, long Matched);
}
