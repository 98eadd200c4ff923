using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Alerting;

public sealed class AlertingOptions
{
    public const string Section = "Alerting";

    /// <summary>The Kafka consumer group every replica joins; replicas split the partitions between them.</summary>
    [System.ComponentModel.DataAnnotations.Required]
    public string ConsumerGroup { get; set; } = "alerting";

    /// <summary>How often rules are re-read, so a rule changed through another replica takes effect.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RuleRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:05")]
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the broker may hold a fetch waiting for data (librdkafka's fetch.wait.max.ms, default 500).</summary>
    [Range(1, 10_000)]
    public int FetchWaitMaxMs { get; set; } = 50;

    /// <summary>At most this many records are evaluated together, with one write of their state changes.</summary>
    [Range(1, 100_000)]
    public int MaxRecordsPerBatch { get; set; } = 1_000;

    /// <summary>How often consumed offsets are committed to Kafka; a crash replays at most this much of the stream.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A partition this group has no committed offset for is read from the longest enabled rule window back, but never
    /// further than this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxReplay { get; set; } = TimeSpan.FromMinutes(10);

    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan CommittedLookupTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often timers run: absence, pending alerts reaching their <c>for</c>, keepFiringFor, repeats, silence expiry.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A series' window is aggregated at most this often on the sample path; the next tick catches up the rest.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan MinEvaluationInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often expr rules are evaluated on the analytics service (Prometheus's evaluation_interval).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ExprEvaluationInterval { get; set; } = TimeSpan.FromSeconds(15);
}
