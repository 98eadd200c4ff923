using PerfMonitor.Analytics.Sketches;

namespace PerfMonitor.Analytics.Tests;

public sealed class DDSketchTests
{
    private static readonly double[] Quantiles = [0, 0.01, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1];

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 25)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Quantiles_are_within_the_relative_accuracy_of_the_exact_value_at_that_rank(int seed)
    {
        var values = RandomValues(new Random(seed));

        var sketch = DDSketch.FromValues(values);

        AssertAccurate(values, sketch);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Merged_sketches_answer_like_one_sketch_of_all_values(int seed)
    {
        var random = new Random(seed);
        var parts = Enumerable.Range(0, random.Next(2, 8)).Select(_ => RandomValues(random)).ToList();

        var merged = new DDSketch();
        foreach (var part in parts)
        {
            merged.Merge(DDSketch.Deserialize(DDSketch.FromValues(part).Serialize()));
        }

        var all = parts.SelectMany(p => p).ToList();
        Assert.Equal(all.Count, merged.Count);
        AssertAccurate(all, merged);
    }

    [Fact]
    public void Serialization_round_trips_and_stays_compact()
    {
        var random = new Random(7);
        var latencies = Enumerable.Range(0, 10_000).Select(_ => Math.Exp(random.NextDouble() * 7)).ToList();
        var sketch = DDSketch.FromValues(latencies.Append(0).Append(-3.5));

        var bytes = sketch.Serialize();
        var copy = DDSketch.Deserialize(bytes);

        Assert.Equal(sketch.Serialize(), copy.Serialize());
        Assert.Equal(sketch.Count, copy.Count);
        // 10,000 latencies spanning 1..1100 ms: about 350 buckets at 1%, a few bytes each.
        Assert.InRange(bytes.Length, 1, 1_500);
    }

    [Fact]
    public void Extreme_ranges_stay_bounded_and_keep_the_high_quantiles()
    {
        var sketch = new DDSketch();
        for (var exponent = -8; exponent <= 300; exponent++)
        {
            sketch.Add(Math.Pow(10, exponent));
        }

        Assert.Equal(309, sketch.Count);
        Assert.InRange(sketch.Quantile(1), 1e300 * 0.99, 1e300 * 1.01);
        Assert.InRange(sketch.Serialize().Length, 1, 20_000);
    }

    [Fact]
    public void CountAtMost_counts_values_under_a_threshold_at_bucket_resolution()
    {
        var sketch = DDSketch.FromValues([10, 20, 30, 400, 500]);

        Assert.Equal(3, sketch.CountAtMost(100));
        Assert.Equal(5, sketch.CountAtMost(1000));
        Assert.Equal(0, sketch.CountAtMost(5));
    }

    internal static void AssertAccurate(IReadOnlyCollection<double> values, DDSketch sketch)
    {
        var sorted = values.Order().ToArray();
        foreach (var q in Quantiles)
        {
            var exact = sorted[(int)Math.Floor(q * (sorted.Length - 1))];
            var estimate = sketch.Quantile(q);
            var tolerance = Math.Max(Math.Abs(exact) * DDSketch.RelativeAccuracy, DDSketch.MinIndexableValue) * (1 + 1e-9);
            Assert.True(Math.Abs(estimate - exact) <= tolerance, $"q={q}: estimate {estimate} vs exact {exact} (n={sorted.Length})");
        }
    }

    internal static List<double> RandomValues(Random random)
    {
        var count = random.Next(1, 3_000);
        var shape = random.Next(5);
        return Enumerable.Range(0, count).Select(_ => shape switch
        {
            0 => random.NextDouble() * 1000,
            1 => Math.Exp(random.NextDouble() * 20 - 5),
            2 => (random.NextDouble() - 0.5) * 200,
            3 => random.Next(3) == 0 ? 0 : random.Next(-50, 50),
            _ => -Math.Exp(random.NextDouble() * 10),
        }).ToList();
    }
}
