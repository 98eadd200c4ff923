using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>Ready only while the sample and event consumers hold partitions: before that, what arrives waits unevaluated.</summary>
public sealed class EvaluatorReadinessCheck(StreamEvaluator samples, EventStreamConsumer events) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            !samples.IsConsuming ? HealthCheckResult.Unhealthy("The sample evaluator has not been assigned partitions yet")
            : !events.IsConsuming ? HealthCheckResult.Unhealthy("The event evaluator has not been assigned partitions yet")
            : HealthCheckResult.Healthy());
}
