using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PerfMonitor.Alerting.Evaluation;

/// <summary>Ready only while the evaluator holds partitions: before that, samples would go unevaluated.</summary>
public sealed class EvaluatorReadinessCheck(StreamEvaluator evaluator) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(evaluator.IsConsuming
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The evaluator has not been assigned partitions yet"));
}
