using System.ComponentModel.DataAnnotations;

namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>Kafka client settings shared by every service; the bootstrap servers come from ConnectionStrings:kafka.</summary>
public sealed class KafkaOptions : IValidatableObject
{
    public const string Section = "Kafka";

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

    [Range(100, 60_000)]
    public int HealthTimeoutMs { get; set; } = 3_000;

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
