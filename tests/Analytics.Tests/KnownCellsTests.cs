using PerfMonitor.Analytics.Rollups;

namespace PerfMonitor.Analytics.Tests;

public sealed class KnownCellsTests
{
    private const long Minute = MinuteAggregator.MinuteMs;

    [Fact]
    public void A_minute_is_evicted_once_its_partition_accepts_no_sample_that_could_join_it()
    {
        var known = new KnownCells(100);
        known.Committed([Entry(1, 0, partition: 0), Entry(1, Minute, partition: 0), Entry(2, 0, partition: 1)]);

        known.Evict(new Dictionary<int, long> { [0] = Minute });

        Assert.False(known.TryGet((1, 0), out _));
        Assert.True(known.TryGet((1, Minute), out _));
        Assert.True(known.TryGet((2, 0), out _));
    }

    [Fact]
    public void Assigned_or_revoked_partitions_are_forgotten_and_the_bound_starts_over()
    {
        var known = new KnownCells(2);
        known.Committed([Entry(1, 0, partition: 0), Entry(2, 0, partition: 1)]);

        known.Forget([1]);
        var dropped = known.Committed([Entry(3, 0, partition: 2), Entry(4, 0, partition: 2)]);

        Assert.False(known.TryGet((2, 0), out _));
        Assert.Equal((3, 0), (dropped, known.Count));
    }

    private static KeyValuePair<(long, long), KnownCell> Entry(long series, long minute, int partition) =>
        new((series, minute), new KnownCell(partition, PromQL.Storage.BucketMath.Add(PromQL.Storage.Bucket.Empty(minute), minute, 1), 0, new Sketches.DDSketch(), 7));
}
