using PerfMonitor.Analytics.Queries;

namespace PerfMonitor.Analytics.Health;

/// <summary>What one service's series said during the window, merged per role.</summary>
public sealed class ServiceSignals
{
    public BucketAccumulator Requests { get; } = new();

    public long Errors { get; set; }

    public Dictionary<string, BucketAccumulator> Routes { get; } = new(StringComparer.Ordinal);

    public BucketAccumulator Cpu { get; } = new();

    public BucketAccumulator Memory { get; } = new();

    public BucketAccumulator Pool { get; } = new();

    public BucketAccumulator Queries { get; } = new();

    public BucketAccumulator Cache { get; } = new();

    public HashSet<DateTime> MinutesWithData { get; } = [];

    public long LastSampleMs { get; set; } = long.MinValue;

    public long Anomalies { get; set; }
}
