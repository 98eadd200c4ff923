using Microsoft.Extensions.Diagnostics.HealthChecks;
using PerfMonitor.Collector.Spool;

namespace PerfMonitor.Collector.Publishing;

/// <summary>
/// The collector is ready while it can accept: Degraded (still HTTP 200) when Kafka is down but the spool has room,
/// Unhealthy only when the spool is full. It replaces the plain Kafka check, which would take the collector out of
/// service exactly when its spool is there to keep accepting.
/// </summary>
public sealed class CollectorReadinessCheck(KafkaAvailability kafka, SampleSpool spool) : IHealthCheck
{
    public const string Name = "kafka-or-spool";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["kafka"] = kafka.IsDown ? "down" : "up",
            ["spoolRecords"] = spool.PendingRecords,
            ["spoolBytes"] = spool.Bytes,
            ["spoolMaxBytes"] = spool.MaxBytes,
        };
        var result = spool.Bytes >= spool.MaxBytes
            ? HealthCheckResult.Unhealthy($"The spool is full ({spool.Bytes} bytes) and Kafka cannot take samples: ingest answers 503", data: data)
            : kafka.IsDown
                ? HealthCheckResult.Degraded($"Kafka is unavailable ({kafka.Reason}); accepted samples go to the spool", data: data)
                : spool.HasPending
                    ? HealthCheckResult.Degraded($"Replaying {spool.PendingRecords} spooled records to Kafka", data: data)
                    : HealthCheckResult.Healthy("Kafka confirms every batch", data);
        return Task.FromResult(result);
    }
}
