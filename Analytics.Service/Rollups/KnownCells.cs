namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// The minute rows this consumer committed and that can still receive samples, per series and minute. Only what
/// a committed flush wrote goes in; a partition's rows are forgotten when it is assigned or revoked (another
/// consumer may write them meanwhile), and a minute is evicted once the partition's watermark has passed it by more
/// than the allowed lateness. An entry that is stale anyway (another writer) is caught by the row's stamp.
/// </summary>
public sealed class KnownCells(int maxCells)
{
    private readonly Dictionary<(long SeriesId, long MinuteMs), KnownCell> cells = [];

    public int Count => cells.Count;

    public bool TryGet((long SeriesId, long MinuteMs) key, out KnownCell cell) => cells.TryGetValue(key, out cell!);

    /// <summary>Records what a flush committed; returns how many cells were dropped to stay within the bound.</summary>
    public int Committed(IEnumerable<KeyValuePair<(long SeriesId, long MinuteMs), KnownCell>> written)
    {
        foreach (var (key, cell) in written)
        {
            cells[key] = cell;
        }
        if (cells.Count <= maxCells)
        {
            return 0;
        }
        // Over the bound: start over. Correctness does not depend on this memory, only the cost of the next flush.
        var dropped = cells.Count;
        cells.Clear();
        return dropped;
    }

    public void Forget(IReadOnlyCollection<int> partitions)
    {
        if (partitions.Count > 0)
        {
            Remove(c => partitions.Contains(c.Value.Partition));
        }
    }

    /// <summary>Drops each partition's minutes that end at or before the oldest time it still accepts: no sample can join them any more.</summary>
    public void Evict(IReadOnlyDictionary<int, long> acceptsFromMs) =>
        Remove(c => acceptsFromMs.TryGetValue(c.Value.Partition, out var from) && c.Key.MinuteMs + MinuteAggregator.MinuteMs <= from);

    public void Clear() => cells.Clear();

    private void Remove(Func<KeyValuePair<(long SeriesId, long MinuteMs), KnownCell>, bool> predicate)
    {
        foreach (var key in cells.Where(predicate).Select(c => c.Key).ToList())
        {
            cells.Remove(key);
        }
    }
}
