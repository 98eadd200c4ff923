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

    [Fact]
    public void A_late_sample_folded_out_of_order_keeps_every_field_but_the_increase_exact()
    {
        // 20 s arrives last: between two samples already folded, on a counter that did not reset there.
        var inOrder = Build(0, Samples.Where(s => s.Ms < 60_000));
        var late = Fold(0, (5_000, 10), (50_000, 3), (20_000, 14));
        var earliestLast = Fold(0, (20_000, 14), (50_000, 3), (5_000, 10));

        Assert.Equal(inOrder with { Sketch = null, Increase = 0 }, late with { Increase = 0 });
        Assert.Equal(3, late.Increase);
        Assert.Equal(inOrder with { Sketch = null }, earliestLast);
    }

    [Fact]
    public void Combining_two_flushes_of_a_minute_in_either_order_equals_folding_all_samples()
    {
        var whole = Build(0, Samples.Where(s => s.Ms < 60_000)) with { Sketch = null };
        var first = Fold(0, (5_000, 10), (20_000, 14));
        var second = Fold(0, (50_000, 3));

        Assert.Equal(whole, BucketMath.Combine(first, second, 0));
        Assert.Equal(whole, BucketMath.Combine(second, first, 0));
        Assert.Equal(whole, BucketMath.Combine(Bucket.Empty(0), whole, 0));
    }

    [Fact]
    public void Interleaved_flushes_of_a_counter_without_a_reset_combine_exactly_and_never_overcount()
    {
        var whole = Fold(0, (5_000, 10), (20_000, 14), (35_000, 20), (50_000, 21));
        var odd = Fold(0, (5_000, 10), (35_000, 20));
        var even = Fold(0, (20_000, 14), (50_000, 21));

        var combined = BucketMath.Combine(odd, even, 0);

        Assert.Equal(whole, combined);
    }

    [Fact]
    public void Merging_into_an_empty_bucket_moves_the_regression_origin()
    {
        var minute = Build(60_000, Samples.Where(s => s.Ms >= 60_000)) with { Sketch = null };

        var merged = BucketMath.Merge(Bucket.Empty(0), minute, 0);

        Assert.Equal(Build(0, Samples.Where(s => s.Ms >= 60_000)) with { Sketch = null }, merged);
    }

    private static Bucket Fold(long start, params (long Ms, double Value)[] samples) =>
        samples.Aggregate(Bucket.Empty(start), (bucket, s) => BucketMath.Add(bucket, s.Ms, s.Value));

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
