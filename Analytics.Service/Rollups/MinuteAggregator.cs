using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// What was consumed since the last flush: per (series, minute) cells, the series not yet known to be stored,
/// and per partition the next offset to read once these cells are written.
/// </summary>
public sealed class MinuteAggregator
{
    private const long MinuteMs = 60_000;

    public Dictionary<(long SeriesId, long MinuteMs), RollupCell> Cells { get; } = [];

    public Dictionary<long, Sample> NewSeries { get; } = [];

    public Dictionary<int, long> NextOffsets { get; } = [];

    public void Add(int partition, long offset, SampleBatch batch, IReadOnlySet<long> storedSeries)
    {
        foreach (var sample in batch.Samples)
        {
            var seriesId = SeriesId.ToStorage(sample.SeriesId);
            var minute = sample.TimestampUnixMs - (((sample.TimestampUnixMs % MinuteMs) + MinuteMs) % MinuteMs);
            if (!Cells.TryGetValue((seriesId, minute), out var cell))
            {
                cell = new RollupCell();
                Cells[(seriesId, minute)] = cell;
            }
            cell.Add(sample.Value, sample.TimestampUnixMs);
            if (!storedSeries.Contains(seriesId))
            {
                NewSeries.TryAdd(seriesId, sample);
            }
        }
        NextOffsets[partition] = offset + 1;
    }

    public bool IsEmpty => NextOffsets.Count == 0;

    public void Clear()
    {
        Cells.Clear();
        NewSeries.Clear();
        NextOffsets.Clear();
    }
}
