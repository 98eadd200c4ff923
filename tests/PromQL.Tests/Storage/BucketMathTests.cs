using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.PromQL.Tests.Storage;

public class BucketMathTests
{
    private static readonly (long Ms, double Value)[] Samples = [(5_000, 10), (20_000, 14), (50_000, 3), (65_000, 9), (80_000, 12), (119_000, 2)];

    [Fact]
    public void Merging_minute_buckets_equals_building_the_two_minute_bucket_from_the_samples()
    {
        var first = Build(0, Samples.Where(s => s.Ms < 60_000));
        var second = Build(60_000, Samples.Where(s => s.Ms >= 60_000));
        var whole = Build(0, Samples);

        var merged = BucketMath.Merge(first, second, 0);

        Assert.Equal(whole with { Sketch = null }, merged with { Sketch = null, SumDt = whole.SumDt, SumDt2 = whole.SumDt2, SumDtValue = whole.SumDtValue });
        Assert.Equal(whole.SumDt, merged.SumDt, 9);
        Assert.Equal(whole.SumDt2, merged.SumDt2, 9);
        Assert.Equal(whole.SumDtValue, merged.SumDtValue, 9);
        Assert.Equal(6, merged.Sketch!.Count);
    }

    [Fact]
    public void A_bucket_counts_its_own_increase_with_resets_and_its_previous_last_sample()
    {
        var bucket = Build(0, Samples.Where(s => s.Ms < 60_000));

        // 10 -> 14 is +4; 14 -> 3 is a reset, counted as +3.
        Assert.Equal(7, bucket.Increase);
        Assert.Equal((14.0, 20_000L), (bucket.PreviousLast, bucket.PreviousLastMs));
        Assert.Equal((10.0, 5_000L, 3.0, 50_000L), (bucket.First, bucket.FirstMs, bucket.Last, bucket.LastMs));
        Assert.Equal((3.0, 14.0, 27.0, 3L), (bucket.Min, bucket.Max, bucket.Sum, bucket.Count));
    }

    [Fact]
    public void A_one_sample_bucket_has_no_previous_sample()
    {
        var bucket = Build(0, [(30_000, 1)]);

        Assert.Equal(Bucket.NoSample, bucket.PreviousLastMs);
    }

    private static Bucket Build(long start, IEnumerable<(long Ms, double Value)> samples)
    {
        var builder = new BucketBuilder(start);
        var list = samples.ToList();
        foreach (var (ms, value) in list)
        {
            builder.Add(ms, value);
        }
        return builder.Build(ExactQuantileSketch.Of(list.Select(s => s.Value).ToArray()));
    }
}
