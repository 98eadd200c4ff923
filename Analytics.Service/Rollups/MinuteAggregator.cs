using Google.Protobuf;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;
using PerfMonitor.Contracts.Wire;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// What was consumed since the last flush: per (series, minute) cells, the series not yet known to be stored,
/// samples beyond the allowed lateness, counter states that moved, and per partition the next offset to read
/// and the watermark once these cells are written.
/// </summary>
public sealed class MinuteAggregator(TimeSpan allowedLateness)
{
    public const long MinuteMs = 60_000;

    private readonly long latenessMs = (long)allowedLateness.TotalMilliseconds;
    private readonly RecordSamples record = new();

    public MinuteAggregator()
        : this(TimeSpan.FromMinutes(2))
    {
    }

    public Dictionary<(long SeriesId, long MinuteMs), RollupCell> Cells { get; } = [];

    public Dictionary<long, Sample> NewSeries { get; } = [];

    public Dictionary<int, long> NextOffsets { get; } = [];

    public Dictionary<int, long> Watermarks { get; } = [];

    public Dictionary<(long SeriesId, long MinuteMs), long> Late { get; } = [];

    public Dictionary<long, (int Partition, CounterPoint Point)> CounterUpdates { get; } = [];

    public long LateCount { get; private set; }

    public long SampleCount { get; private set; }

    public long FutureCount { get; private set; }

    public void Add(int partition, long offset, SampleBatch batch, IReadOnlySet<long> storedSeries) =>
        Add(partition, offset, batch, storedSeries, new PartitionState());

    /// <summary>Samples replayed from history, with no arrival time to bound them: any sample time moves the watermark.</summary>
    public void Add(int partition, long offset, SampleBatch batch, IReadOnlySet<long> storedSeries, PartitionState state) =>
        Add(partition, offset, long.MaxValue, batch, storedSeries, state);

    /// <summary>A batch already decoded (replayed history, tests): aggregated from its encoding, as the consumer reads it.</summary>
    public void Add(int partition, long offset, long watermarkCeilingMs, SampleBatch batch, IReadOnlySet<long> storedSeries, PartitionState state) =>
        Add(partition, offset, watermarkCeilingMs, batch.ToByteArray(), storedSeries, state);

    /// <summary>
    /// Adds one record's samples, read in place from its encoding. None moves the watermark past
    /// <paramref name="watermarkCeilingMs"/> (see <see cref="WatermarkCeiling"/>): a sample stamped beyond it is still
    /// merged into its own minute, and counted in <see cref="FutureCount"/>, but cannot make the partition's other samples
    /// late. A malformed record throws <see cref="InvalidDataException"/> before any of its samples is counted.
    /// </summary>
    public void Add(int partition, long offset, long watermarkCeilingMs, ReadOnlyMemory<byte> encoded, IReadOnlySet<long> storedSeries, PartitionState state)
    {
        record.Read(encoded.Span, storedSeries, NewSeries);
        foreach (ref readonly var sample in record.Fields)
        {
            var seriesId = SeriesId.ToStorage(sample.SeriesId);
            var timestamp = sample.TimestampUnixMs;
            var minute = MinuteOf(timestamp);
            if (state.WatermarkMs is { } watermark && timestamp < watermark - latenessMs)
            {
                Late[(seriesId, minute)] = Late.GetValueOrDefault((seriesId, minute)) + 1;
                LateCount++;
                continue;
            }
            if (timestamp > watermarkCeilingMs)
            {
                FutureCount++;
            }
            state.WatermarkMs = Math.Max(state.WatermarkMs ?? long.MinValue, Math.Min(timestamp, watermarkCeilingMs));
            SampleCount++;

            if (!Cells.TryGetValue((seriesId, minute), out var cell))
            {
                cell = new RollupCell(partition, minute);
                Cells[(seriesId, minute)] = cell;
            }
            cell.Add(sample.Value, timestamp);
            if (sample.Kind == MetricKind.Counter && sample.Temporality == Temporality.Delta)
            {
                // An increment: it is the increase, with no previous value to subtract and nothing to reset.
                cell.Increase += sample.Value;
            }
            else if (sample.Kind == MetricKind.Counter)
            {
                AddCounter(partition, seriesId, sample, cell, state);
            }
            if (!storedSeries.Contains(seriesId) && !NewSeries.ContainsKey(seriesId))
            {
                NewSeries[seriesId] = record.Unstored(seriesId);
            }
        }
        NextOffsets[partition] = offset + 1;
        if (state.WatermarkMs is { } mark)
        {
            Watermarks[partition] = mark;
        }
    }

    public static long MinuteOf(long timestampMs) => timestampMs - (((timestampMs % MinuteMs) + MinuteMs) % MinuteMs);

    /// <summary>
    /// A running total's increase since its previous sample goes to the minute of the later sample; a drop is a reset,
    /// after which the counter counted up from zero. Out-of-order counter samples add nothing to the rate.
    /// </summary>
    private void AddCounter(int partition, long seriesId, in SampleFields sample, RollupCell cell, PartitionState state)
    {
        var point = new CounterPoint(sample.TimestampUnixMs, sample.Value);
        if (state.Counters.TryGetValue(seriesId, out var previous))
        {
            if (point.TimestampMs <= previous.TimestampMs)
            {
                return;
            }
            cell.Increase += point.Value >= previous.Value ? point.Value - previous.Value : point.Value;
        }
        state.Counters[seriesId] = point;
        CounterUpdates[seriesId] = (partition, point);
    }

    public bool IsEmpty => NextOffsets.Count == 0;

    public void Clear()
    {
        Cells.Clear();
        NewSeries.Clear();
        NextOffsets.Clear();
        Watermarks.Clear();
        Late.Clear();
        CounterUpdates.Clear();
        LateCount = 0;
        FutureCount = 0;
        SampleCount = 0;
    }
}
