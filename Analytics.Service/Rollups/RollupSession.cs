using PerfMonitor.Contracts;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// The state of one run of the <see cref="RollupConsumer"/>: the open minutes being aggregated, the offsets each
/// partition's next flush expects in PostgreSQL, the rows already known, and the one flush written in the background
/// while the next records are read. A failure drops the whole session; its unwritten offsets were not stored, so a new
/// session reads them again.
/// </summary>
public sealed class RollupSession(OffsetStore offsetStore, RollupWriter writer, RollupMetrics metrics, RollupOptions options)
{
    private readonly Dictionary<int, long> expected = [];
    private readonly Dictionary<int, PartitionState> states = [];
    private readonly HashSet<long> storedSeries = [];
    private readonly KnownCells known = new(options.MaxKnownCells);
    private readonly long latenessMs = (long)options.AllowedLateness.TotalMilliseconds;
    private MinuteAggregator pending = new(options.AllowedLateness);

    // The flush being written touches only its own aggregator, the expected offsets and the known rows, which nothing
    // else changes until it is awaited.
    private (MinuteAggregator Cells, Task<FlushResult> Write)? writing;

    public int PendingCells => pending.Cells.Count;

    public bool IsWriting => writing is { Write.IsCompleted: false };

    /// <summary>Adds one encoded record; a malformed one throws <see cref="InvalidDataException"/> with nothing of it counted.</summary>
    public void Add(int partition, long offset, long watermarkCeiling, ReadOnlyMemory<byte> record)
    {
        if (!states.TryGetValue(partition, out var state))
        {
            state = states[partition] = new PartitionState();
        }
        pending.Add(partition, offset, watermarkCeiling, record, storedSeries, state);
    }

    /// <summary>Loads the assigned partitions' stored offsets and lateness state; returns where each resumes (absent: from the beginning).</summary>
    public async Task<IReadOnlyDictionary<int, long>> AssignAsync(IReadOnlyList<int> partitions, CancellationToken cancellationToken)
    {
        await CompleteWriteAsync();
        // Another consumer may have written these partitions' rows since this one last held them.
        known.Forget(partitions);
        var stored = await offsetStore.LoadAsync(RollupOptions.ConsumerGroup, Topics.Samples, partitions, cancellationToken);
        foreach (var (partition, next) in stored)
        {
            expected[partition] = next;
        }
        foreach (var (partition, state) in await offsetStore.LoadStatesAsync(RollupOptions.ConsumerGroup, Topics.Samples, partitions, cancellationToken))
        {
            states[partition] = state;
        }
        return stored;
    }

    /// <summary>Writes what was read from the revoked partitions before another consumer resumes them from the stored offsets.</summary>
    public async Task RevokeAsync(IReadOnlyList<int> partitions, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        known.Forget(partitions);
        foreach (var partition in partitions)
        {
            expected.Remove(partition);
            states.Remove(partition);
        }
    }

    /// <summary>Starts writing the pending cells in the background, once the previous write has committed.</summary>
    public async Task StartWriteAsync(CancellationToken cancellationToken)
    {
        await CompleteWriteAsync();
        if (pending.IsEmpty)
        {
            return;
        }
        var cells = pending;
        pending = new MinuteAggregator(options.AllowedLateness);
        writing = (cells, Task.Run(() => writer.WriteAsync(cells, expected, known, RollupOptions.ConsumerGroup, Topics.Samples, cancellationToken), cancellationToken));
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await StartWriteAsync(cancellationToken);
        await CompleteWriteAsync();
    }

    /// <summary>Drops the unwritten cells: their offsets were not stored, so they are read again.</summary>
    public void Abandon()
    {
        pending.Clear();
        writing = null;
    }

    private async Task CompleteWriteAsync()
    {
        if (writing is not { } w)
        {
            return;
        }
        writing = null;
        var result = await w.Write;
        metrics.Flushed(result);
        known.Evict(w.Cells.Watermarks.ToDictionary(m => m.Key, m => m.Value - latenessMs));
        foreach (var (partition, next) in w.Cells.NextOffsets)
        {
            expected[partition] = next;
        }
        storedSeries.UnionWith(w.Cells.NewSeries.Keys);
    }
}
