using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>Kafka client settings shared by every service; the bootstrap servers come from ConnectionStrings:kafka.</summary>
public sealed class KafkaOptions : IValidatableObject
{
    public const string Section = "Kafka";

    /// <summary>A heartbeat or two may be lost to a hiccup without the coordinator declaring the consumer dead.</summary>
    private const int HeartbeatsPerSession = 3;

    [Required]
    public string BootstrapServers { get; set; } = "";

    /// <summary>Partitions for topics this system creates itself (the embedded broker keeps 5 MiB per partition).</summary>
    [Range(1, 1024)]
    public int SamplePartitions { get; set; } = 32;

    /// <summary>
    /// librdkafka pauses a partition for fetch.queue.backoff.ms once its local queue is full (1 s by default),
    /// which leaves a fast consumer idle; a short pause keeps the pipeline busy.
    /// </summary>
    [Range(1, 10_000)]
    public int FetchQueueBackoffMs { get; set; } = 20;

    /// <summary>
    /// The most a consumer holds fetched ahead of its handler, over all its partitions, in KiB: queued.max.messages.kbytes,
    /// and fetch.max.bytes (one fetch response) to match, since the queue bound is only checked before a fetch. librdkafka's
    /// defaults (64 MiB queued, 50 MiB a fetch) are native memory per consumer that a consumer behind its topic fills, and
    /// that glibc keeps once freed; a bigger buffer only moves the backlog from the broker into each process. With
    /// <see cref="FetchQueueBackoffMs"/> short, a few MiB keep a consumer fed: the queue is refilled within milliseconds.
    /// At least 1 MiB, as fetch.max.bytes may not be below a consumer's message.max.bytes (1,000,000 by default).
    /// </summary>
    [Range(1_024, 2_097_151)]
    public int ConsumerQueueMaxKbytes { get; set; } = 8_192;

    /// <summary>
    /// How long a broker may hold a fetch that found no records (fetch.wait.max.ms, librdkafka's 500 ms by default).
    /// librdkafka's mock cluster, the embedded broker, holds it that long even when records arrive meanwhile, so a
    /// record produced to an idle partition waits up to this long to be read; test hosts shorten it.
    /// </summary>
    [Range(1, 10_000)]
    public int FetchWaitMaxMs { get; set; } = 500;

    /// <summary>
    /// How long a producer waits to gather records for a partition into one request (linger.ms). The embedded broker
    /// (librdkafka's mock cluster) finds a fetch's records by walking a partition's message sets from the oldest, so its
    /// cost per fetch grows with the number of sets it keeps (5 MiB per partition): fewer, larger sets cut it twice over.
    /// Every record waits up to this long before it is sent, so it adds to alert latency.
    /// </summary>
    [Range(0, 1_000)]
    public int ProducerLingerMs { get; set; } = 5;

    /// <summary>
    /// The longest pause before a failed consumer starts again; the pause starts at the consumer's own restart delay and
    /// doubles with each failure in a row, so a peer that stays down is not hammered, nor waited out for long once back.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan MaxConsumerRestartDelay { get; set; } = TimeSpan.FromSeconds(10);

    [Range(100, 60_000)]
    public int HealthTimeoutMs { get; set; } = 3_000;

    /// <summary>
    /// How long the group coordinator waits for a consumer's heartbeat before it hands the consumer's partitions to the
    /// others (session.timeout.ms). librdkafka's 45 s default is how long a killed replica's partitions went unread;
    /// brokers accept 6 s and more by default (group.min.session.timeout.ms).
    /// </summary>
    [Range(1_000, 300_000)]
    public int SessionTimeoutMs { get; set; } = 6_000;

    /// <summary>How often a consumer tells the coordinator it is alive (heartbeat.interval.ms); at most a third of the session timeout.</summary>
    [Range(100, 100_000)]
    public int HeartbeatIntervalMs { get; set; } = 2_000;

    /// <summary>The first pause before reconnecting to a broker (reconnect.backoff.ms); it doubles up to <see cref="ReconnectBackoffMaxMs"/>.</summary>
    [Range(1, 60_000)]
    public int ReconnectBackoffMs { get; set; } = 50;

    /// <summary>
    /// The longest pause between reconnection attempts (reconnect.backoff.max.ms). librdkafka's 10 s default left clients
    /// idle for up to 10 s after a broker came back.
    /// </summary>
    [Range(1, 60_000)]
    public int ReconnectBackoffMaxMs { get; set; } = 1_000;

    /// <summary>
    /// Static group membership (group.instance.id, KIP-345): a replica restarted under the same id takes its partitions
    /// back without a rebalance instead of waiting out the session timeout. The id is <see cref="GroupInstanceId"/> when
    /// set, otherwise the host (pod) name, the service name and a slot no other replica on this host holds. A static member
    /// does not leave its group when it stops: a replica that is scaled away leaves its partitions unread for the session
    /// timeout. Off by default because the embedded broker (librdkafka's mock cluster) matches members by member id only
    /// and gains nothing from it; turn it on against a real Kafka.
    /// </summary>
    public bool StaticMembership { get; set; }

    /// <summary>This replica's group.instance.id, unique per replica (the pod name under a StatefulSet); implies static membership.</summary>
    [RegularExpression("^[a-zA-Z0-9._-]{1,249}$")]
    public string? GroupInstanceId { get; set; }

    /// <summary>librdkafka's security.protocol: plaintext, ssl, sasl_plaintext or sasl_ssl (managed Kafka services want sasl_ssl).</summary>
    [AllowedValues(KafkaSecurity.Plaintext, KafkaSecurity.Ssl, KafkaSecurity.SaslPlaintext, KafkaSecurity.SaslSsl)]
    public string SecurityProtocol { get; set; } = KafkaSecurity.Plaintext;

    /// <summary>PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512; required with a sasl_ protocol.</summary>
    public string? SaslMechanism { get; set; }

    public string? SaslUsername { get; set; }

    /// <summary>Read from the environment or a secret store; never logged.</summary>
    public string? SaslPassword { get; set; }

    /// <summary>A PEM file of the CA certificates that sign the brokers' certificates; the system's store when empty.</summary>
    public string? SslCaLocation { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HeartbeatIntervalMs * HeartbeatsPerSession > SessionTimeoutMs)
        {
            yield return new ValidationResult(
                $"Kafka:HeartbeatIntervalMs ({HeartbeatIntervalMs}) must be at most a third of Kafka:SessionTimeoutMs ({SessionTimeoutMs}).",
                [nameof(HeartbeatIntervalMs), nameof(SessionTimeoutMs)]);
        }
        if (ReconnectBackoffMs > ReconnectBackoffMaxMs)
        {
            yield return new ValidationResult(
                $"Kafka:ReconnectBackoffMs ({ReconnectBackoffMs}) must not exceed Kafka:ReconnectBackoffMaxMs ({ReconnectBackoffMaxMs}).",
                [nameof(ReconnectBackoffMs), nameof(ReconnectBackoffMaxMs)]);
        }
        if (!KafkaSecurity.UsesSasl(SecurityProtocol))
        {
            yield break;
        }
        if (!KafkaSecurity.Mechanisms.ContainsKey(SaslMechanism ?? ""))
        {
            yield return new ValidationResult(
                $"Kafka:SaslMechanism must be one of {string.Join(", ", KafkaSecurity.Mechanisms.Keys)} with security protocol {SecurityProtocol}.",
                [nameof(SaslMechanism)]);
        }
        if (string.IsNullOrWhiteSpace(SaslUsername))
        {
            yield return new ValidationResult($"Kafka:SaslUsername is required with security protocol {SecurityProtocol}.", [nameof(SaslUsername)]);
        }
        if (string.IsNullOrEmpty(SaslPassword))
        {
            yield return new ValidationResult($"Kafka:SaslPassword is required with security protocol {SecurityProtocol}.", [nameof(SaslPassword)]);
        }
    }
}
