using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>How the outbox is drained and how hard a failing receiver is tried (section Alerting:Delivery).</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Alerting:Delivery";

    /// <summary>How often the outbox is polled when nothing wakes the dispatcher.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Rows claimed per round; replicas each claim their own with FOR UPDATE SKIP LOCKED.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 32;

    /// <summary>A notification still undelivered this long after it was written is dead-lettered with its last error.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>One HTTP attempt's time limit.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Immediate retries inside one delivery round (exponential backoff with jitter).</summary>
    [Range(0, 10)]
    public int RetryAttempts { get; set; } = 2;

    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>After a failed round the row waits this long, doubled per failed round (with jitter) up to RescheduleMaxDelay.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan RescheduleBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan RescheduleMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Alert traffic is a trickle: the breaker must judge on a handful of calls, not Polly's default 100.</summary>
    [Range(2, 1000)]
    public int BreakerMinimumThroughput { get; set; } = 3;

    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Where links in payloads (Alertmanager's externalURL, generatorURL) point: the gateway a user opens.</summary>
    [Required]
    public string ExternalUrl { get; set; } = "http://localhost:5100";
}
