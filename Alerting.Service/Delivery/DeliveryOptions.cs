using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.Alerting.Delivery;

/// <summary>How the outbox is drained and how hard a failing receiver is tried (section Alerting:Delivery).</summary>
public sealed class DeliveryOptions : IValidatableObject
{
    public const string Section = "Alerting:Delivery";

    /// <summary>A lease spans at least this many renewal intervals.</summary>
    private const int LeaseRenewalsPerLease = 3;

    /// <summary>How often the outbox is polled when nothing wakes the dispatcher.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Rows claimed per statement; replicas each lease their own, skipping rows another is claiming.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 32;

    /// <summary>Deliveries in flight at once per replica: a slow receiver holds one slot, not the outbox.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentDeliveries { get; set; } = 32;

    /// <summary>
    /// How long a claimed row is this replica's without a renewal: a row whose replica died is sent again at most this long
    /// after its last renewal, under the same idempotency key. A running delivery renews it, so it need not cover a round.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the leases of the rows in flight are extended (one statement for all of them); well inside a lease.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:20:00")]
    public TimeSpan LeaseRenewalInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A notification still undelivered this long after it was written is dead-lettered with its last error.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>One HTTP attempt's time limit.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>At most this much of a response body is read (the start of an error body goes to the delivery log); the rest is abandoned with the connection.</summary>
    [Range(0, 1024 * 1024)]
    public int MaxResponseBodyBytes { get; set; } = 16 * 1024;

    /// <summary>How long a response body may take once the headers are in; a receiver that stalls it does not hold the delivery longer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ResponseBodyTimeout { get; set; } = TimeSpan.FromSeconds(1);

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

    /// <summary>Delivered and dead notifications (and their attempt logs) are deleted this long after they finished.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the retention job runs.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rows deleted per statement, so a large backlog never holds long locks or a long transaction.</summary>
    [Range(1, 100_000)]
    public int RetentionBatchSize { get; set; } = 1_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ResponseBodyTimeout >= AttemptTimeout)
        {
            yield return new ValidationResult("must be shorter than AttemptTimeout, which bounds the whole attempt", [nameof(ResponseBodyTimeout)]);
        }
        // Two renewals may fail (or be slow) in a row before a delivery that is still running loses its row.
        if (LeaseRenewalInterval * LeaseRenewalsPerLease > LeaseDuration)
        {
            yield return new ValidationResult(
                $"must be at most LeaseDuration / {LeaseRenewalsPerLease}, {LeaseDuration / LeaseRenewalsPerLease}, so a lease is renewed well before it runs out",
                [nameof(LeaseRenewalInterval)]);
        }
    }
}
