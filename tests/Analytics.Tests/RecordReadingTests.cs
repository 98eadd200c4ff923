using Google.Protobuf;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Tests;

/// <summary>The rollup consumer reads each record in place: what it counts, what it refuses, and what it allocates.</summary>
public sealed class RecordReadingTests
{
    private const long Minute = 1_764_590_400_000;

    [Fact]
    public void A_record_of_stored_series_is_aggregated_without_allocating_per_sample()
    {
        var batch = Batch(1_000);
        var stored = batch.Samples.Select(s => SeriesId.ToStorage(s.SeriesId)).ToHashSet();
        var record = batch.ToByteArray();
        var pending = new MinuteAggregator(TimeSpan.FromDays(1000));
        var state = new PartitionState();
        // The first record creates the cells and sizes the reusable buffers; the steady state is every record after it.
        pending.Add(0, 0, long.MaxValue, record, stored, state);

        var before = GC.GetAllocatedBytesForCurrentThread();
        pending.Add(0, 1, long.MaxValue, record, stored, state);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2_000, pending.SampleCount);
        // Decoding each sample into a Sample with its labels took about a kilobyte per sample.
        Assert.True(allocated < batch.Samples.Count, $"{allocated} bytes allocated for {batch.Samples.Count} samples");
    }

    [Fact]
    public void Only_a_series_not_stored_yet_is_decoded_whole_with_its_labels_for_the_series_row()
    {
        var batch = Batch(3);
        var stored = new HashSet<long> { SeriesId.ToStorage(batch.Samples[0].SeriesId), SeriesId.ToStorage(batch.Samples[2].SeriesId) };
        var pending = new MinuteAggregator(TimeSpan.FromDays(1000));

        pending.Add(0, 0, long.MaxValue, batch.ToByteArray(), stored, new PartitionState());

        var (seriesId, sample) = Assert.Single(pending.NewSeries);
        Assert.Equal(SeriesId.ToStorage(batch.Samples[1].SeriesId), seriesId);
        Assert.Equal(batch.Samples[1], sample);
        Assert.Equal(3, pending.Cells.Count);
    }

    [Fact]
    public void A_malformed_record_is_refused_before_any_of_its_samples_is_counted()
    {
        var record = Batch(10).ToByteArray();
        var pending = new MinuteAggregator(TimeSpan.FromDays(1000));
        var state = new PartitionState();

        Assert.Throws<InvalidDataException>(() => pending.Add(0, 0, long.MaxValue, record.AsMemory(0, record.Length - 3), new HashSet<long>(), state));

        Assert.Equal(0, pending.SampleCount);
        Assert.Empty(pending.Cells);
        Assert.Empty(pending.NewSeries);
        Assert.True(pending.IsEmpty);
        Assert.Null(state.WatermarkMs);
    }

    [Fact]
    public void A_record_whose_new_series_has_malformed_labels_is_refused_whole()
    {
        var good = Batch(2).ToByteArray();
        // A third sample whose only field is a label list whose one label claims more bytes than it has.
        byte[] bad = [0x0A, 0x04, 0x1A, 0x02, 0x0A, 0x05];
        var record = good.Concat(bad).ToArray();
        var pending = new MinuteAggregator(TimeSpan.FromDays(1000));

        Assert.Throws<InvalidDataException>(() => pending.Add(0, 0, long.MaxValue, record, new HashSet<long>(), new PartitionState()));

        Assert.Equal(0, pending.SampleCount);
        Assert.Empty(pending.NewSeries);
    }

    [Fact]
    public void An_empty_record_only_moves_the_partition_offset()
    {
        var pending = new MinuteAggregator(TimeSpan.FromDays(1000));

        pending.Add(4, 41, long.MaxValue, ReadOnlyMemory<byte>.Empty, new HashSet<long>(), new PartitionState());

        Assert.Equal(42, pending.NextOffsets[4]);
        Assert.Empty(pending.Cells);
    }

    private static SampleBatch Batch(int series)
    {
        var batch = new SampleBatch();
        for (var i = 0; i < series; i++)
        {
            var sample = new Sample { Metric = "http_requests_total", Value = i, TimestampUnixMs = Minute + i, Kind = i % 2 == 0 ? MetricKind.Counter : MetricKind.Gauge, Unit = "1" };
            sample.Labels.Add(new Label { Name = "instance", Value = $"host-{i}:9100" });
            sample.Labels.Add(new Label { Name = "job", Value = "node" });
            sample.Labels.Add(new Label { Name = "route", Value = $"/api/v1/resource/{i}" });
            sample.SeriesId = SeriesId.Compute(sample.Metric, sample.Labels);
            batch.Samples.Add(sample);
        }
        return batch;
    }
}
