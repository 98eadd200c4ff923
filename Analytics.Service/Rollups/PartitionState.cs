namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// What a partition's consumer remembers between records: the event-time watermark and each counter's last value.
/// Loaded from PostgreSQL on assignment and written with every flush, so a replay decides exactly as the first run.
/// </summary>
public sealed class PartitionState
{
    public long? WatermarkMs { get; set; }

    public Dictionary<long, CounterPoint> Counters { get; } = [];
}
