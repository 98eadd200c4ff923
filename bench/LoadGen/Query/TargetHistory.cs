namespace PerfMonitor.LoadGen.Query;

/// <summary>
/// One target's samples, step by step from the first: every value a pure function of (target, step) or a running sum
/// of such, so walking a target alone (the OpenMetrics file) and walking all targets together (PerfMonitor's
/// backfill) give bit-identical values. No two targets tie on what topk ranks them by: Prometheus picks among equal
/// values in Go's random map order, so a tie would make its own answer vary from run to run.
/// </summary>
public sealed class TargetHistory(int target, TimeSpan scrapeInterval)
{
    private const double SecondsPerDay = 86_400;
    private readonly double intervalSeconds = scrapeInterval.TotalSeconds;

    /// <summary>A fraction of its own in [0, 1/64) that each of the target's counters gains per step (and its CPU gauge, scaled down), so that sums and averages over targets never come out equal.</summary>
    private readonly double tieBreak = Uniform(target, 0, 30) / 64;

    public double[] Requests { get; } = new double[QuerySeriesLayout.Routes];

    public double[] Buckets { get; } = new double[QuerySeriesLayout.Buckets.Count];

    public double DurationSum { get; private set; }

    public double DurationCount { get; private set; }

    public double Memory { get; private set; }

    public double Cpu { get; private set; }

    /// <summary>Moves to <paramref name="step"/>, taken <paramref name="secondsOfDay"/> into its UTC day; steps must come in order.</summary>
    public void Advance(long step, double secondsOfDay)
    {
        var daily = Math.Sin((2 * Math.PI * secondsOfDay / SecondsPerDay) + target);
        var served = 0.0;
        for (var route = 0; route < Requests.Length; route++)
        {
            var increment = Math.Floor((20 + (80 * Uniform(target, step, route)) + (20 * daily)) * intervalSeconds / 60);
            Requests[route] += increment + tieBreak;
            served += increment;
        }
        // Exponential latencies around a median that drifts with the day and the target.
        var mean = 0.05 * (1.2 + (0.5 * daily) + Uniform(target, step, 10));
        for (var bucket = 0; bucket < Buckets.Length; bucket++)
        {
            var bound = QuerySeriesLayout.Bound(bucket);
            Buckets[bucket] += double.IsPositiveInfinity(bound) ? served : Math.Round(served * (1 - Math.Exp(-bound / mean)));
        }
        DurationSum += Math.Round(served * mean, 6);
        DurationCount += served;
        Memory = Math.Round(2e8 + (5e7 * daily) + (1e7 * Uniform(target, step, 20)));
        Cpu = Math.Round(0.4 + (0.2 * daily) + (0.1 * Uniform(target, step, 21)), 4) + (tieBreak / 1000);
    }

    /// <summary>A uniform number in [0, 1) from (target, step, slot): SplitMix64's finaliser.</summary>
    private static double Uniform(int target, long step, int slot)
    {
        var x = unchecked(((ulong)target * 0x9E3779B97F4A7C15UL) ^ ((ulong)step * 0xBF58476D1CE4E5B9UL) ^ ((ulong)slot * 0x94D049BB133111EBUL));
        x ^= x >> 30;
        x = unchecked(x * 0xBF58476D1CE4E5B9UL);
        x ^= x >> 27;
        x = unchecked(x * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }
}
