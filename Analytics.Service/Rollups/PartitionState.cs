namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// What a partition's consumer remembers between records: the event-time watermark (bounded by each record's
/// <see cref="WatermarkCeiling"/>) and each counter's last value. Loaded from PostgreSQL on assignment and written with
/// every flush, so a replay decides as the first run did.
/// </summary>
public sealed class PartitionState
{
    public long? WatermarkMs { get; set; }

    public Dictionary<long, CounterPoint> Counters { get; } = [];
}
