namespace PerfMonitor.LoadGen.Query;

/// <summary>
/// One target's samples, step by step from the first: every value a pure function of (target, step) or a running sum
/// of such, so walking a target alone (the OpenMetrics file) and walking all targets together (PerfMonitor's
/// backfill) give bit-identical values.
/// </summary>
public sealed class TargetHistory(int target, TimeSpan scrapeInterval)
{
    private const double SecondsPerDay = 86_400;
    private readonly double intervalSeconds = scrapeInterval.TotalSeconds;

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
            var increment = Math.Floor((20 + (80 * Uniform(step, route)) + (20 * daily)) * intervalSeconds / 60);
            Requests[route] += increment;
            served += increment;
        }
        // Exponential latencies around a median that drifts with the day and the target.
        var mean = 0.05 * (1.2 + (0.5 * daily) + Uniform(step, 10));
        for (var bucket = 0; bucket < Buckets.Length; bucket++)
        {
            var bound = QuerySeriesLayout.Bound(bucket);
            Buckets[bucket] += double.IsPositiveInfinity(bound) ? served : Math.Round(served * (1 - Math.Exp(-bound / mean)));
        }
        DurationSum += Math.Round(served * mean, 6);
        DurationCount += served;
        Memory = Math.Round(2e8 + (5e7 * daily) + (1e7 * Uniform(step, 20)));
        Cpu = Math.Round(0.4 + (0.2 * daily) + (0.1 * Uniform(step, 21)), 4);
    }

    /// <summary>A uniform number in [0, 1) from (target, step, slot): SplitMix64's finaliser.</summary>
    private double Uniform(long step, int slot)
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
