namespace PerfMonitor.Collector.Publishing;

/// <summary>
/// What the collector currently believes about Kafka. Down on librdkafka's all-brokers-down event, a delivery that
/// failed or timed out, or unknown topic metadata; up again only when a delivery succeeds. While down, ingest goes
/// straight to the spool instead of waiting for Kafka on every request.
/// </summary>
public sealed partial class KafkaAvailability(ILogger<KafkaAvailability> logger, TimeProvider clock)
{
    private int down = 1;

    public bool IsDown => Volatile.Read(ref down) == 1;

    public DateTimeOffset? DownSince { get; private set; } = clock.GetUtcNow();

    public string Reason { get; private set; } = "not connected yet";

    public void MarkDown(string reason)
    {
        Reason = reason;
        if (Interlocked.Exchange(ref down, 1) == 0)
        {
            DownSince = clock.GetUtcNow();
            LogDown(reason);
        }
    }

    public void MarkUp()
    {
        if (Interlocked.Exchange(ref down, 0) == 1)
        {
            LogUp(DownSince is { } since ? clock.GetUtcNow() - since : TimeSpan.Zero);
            DownSince = null;
            Reason = "";
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka is unavailable ({Reason}); accepted samples go to the spool until it returns")]
    private partial void LogDown(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka is available again after {Duration}; replaying the spool")]
    private partial void LogUp(TimeSpan duration);
}
