using Confluent.Kafka;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// The latest time one record's samples may move their partition's watermark to: the record's arrival plus
/// Rollups:MaxFutureSkew. The arrival is the record's Kafka timestamp, set when the collector produced it, so a replay
/// or a consumer catching up on a backlog bounds each record exactly as it was bounded when it was new; it is never
/// later than this consumer's clock, so a collector or broker with a fast clock cannot lift the bound either.
/// </summary>
public static class WatermarkCeiling
{
    public static long Of(Timestamp recordTime, DateTimeOffset now, TimeSpan maxFutureSkew)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var arrivalMs = recordTime.Type == TimestampType.NotAvailable ? nowMs : Math.Min(recordTime.UnixTimestampMs, nowMs);
        return arrivalMs + (long)maxFutureSkew.TotalMilliseconds;
    }
}
