namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// Another consumer stored progress for a partition this one was writing: the partition moved in a rebalance.
/// The transaction is rolled back, so nothing is counted twice; the consumer restarts from the stored offsets.
/// </summary>
public sealed class OffsetConflictException(int partition) : Exception($"Partition {partition} was advanced by another consumer.")
{
    public int Partition { get; } = partition;
}
