using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PerfMonitor.ServiceDefaults.Kafka;

/// <summary>Ready when the cluster answers a metadata request within the configured timeout.</summary>
public sealed class KafkaHealthCheck(KafkaClientFactory factory) : IHealthCheck, IDisposable
{
    private readonly Lazy<IAdminClient> admin = new(() => new AdminClientBuilder(factory.CreateAdminConfig()).Build());

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var timeout = TimeSpan.FromMilliseconds(factory.Options.HealthTimeoutMs);
        try
        {
            var metadata = await Task.Run(() => admin.Value.GetMetadata(timeout), cancellationToken);
            return metadata.Brokers.Count > 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Kafka answered with no brokers");
        }
        catch (KafkaException ex)
        {
            return HealthCheckResult.Unhealthy("Kafka does not answer", ex);
        }
    }

    public void Dispose()
    {
        if (admin.IsValueCreated)
        {
            admin.Value.Dispose();
        }
    }
}
