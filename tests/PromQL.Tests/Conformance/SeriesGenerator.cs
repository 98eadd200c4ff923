using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Storage.InMemory;

namespace PerfMonitor.PromQL.Tests.Conformance;

/// <summary>
/// Makes one series' samples: one per 15 s slot, 3 to 12 s into the slot (never on a minute boundary, so a bucket
/// and a Prometheus window hold the same samples), from a seeded generator so every run has the same values.
/// </summary>
public sealed class SeriesGenerator(long startMs, long endMs, int seed)
{
    public const long SlotMs = 15_000;

    private readonly Random random = new(seed);

    public Random Random => random;

    /// <summary>The sample times of a series that has data between the given offsets from the start (whole run by default).</summary>
    public long[] Times(long fromOffsetMs = 0, long? toOffsetMs = null, (long From, long To)? gap = null)
    {
        var times = new List<long>();
        for (var slot = startMs + fromOffsetMs; slot < (toOffsetMs is { } to ? startMs + to : endMs); slot += SlotMs)
        {
            var time = slot + 3_000 + random.Next(0, 9_000);
            if (gap is { } g && time >= startMs + g.From && time < startMs + g.To)
            {
                continue;
            }
            times.Add(time);
        }
        return [.. times];
    }

    public static RawSeries Series(string name, long[] times, double[] values, params (string Name, string Value)[] labels) =>
        new(LabelSet.Of([(LabelSet.MetricName, name), .. labels]), times, values);

    /// <summary>A smooth gauge: a slow sine around a base with noise.</summary>
    public double[] Wave(long[] times, double baseline, double amplitude, double noise, double periodSeconds)
    {
        var phase = random.NextDouble() * 2 * Math.PI;
        return times.Select(t => baseline + amplitude * Math.Sin(phase + 2 * Math.PI * (t / 1000.0) / periodSeconds) + noise * (random.NextDouble() * 2 - 1)).ToArray();
    }

    /// <summary>A cumulative counter with random increments, reset to zero before the given sample indexes.</summary>
    public double[] Counter(long[] times, int minStep, int maxStep, params int[] resetsAt)
    {
        var values = new double[times.Length];
        double total = random.Next(0, 1000);
        for (var i = 0; i < times.Length; i++)
        {
            total = resetsAt.Contains(i) ? 0 : total;
            total += random.Next(minStep, maxStep + 1);
            values[i] = total;
        }
        return values;
    }

    /// <summary>Log-normal latencies in seconds, <paramref name="perSlotMin"/> to <paramref name="perSlotMax"/> per sample.</summary>
    public double[][] Observations(long[] times, double mu, double sigma, int perSlotMin, int perSlotMax) =>
        times.Select(_ => Enumerable.Range(0, random.Next(perSlotMin, perSlotMax + 1))
            .Select(_ => Math.Exp(mu + sigma * Normal())).ToArray()).ToArray();

    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
