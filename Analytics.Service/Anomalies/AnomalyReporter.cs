using System.Diagnostics.Metrics;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Contracts.Events;

namespace PerfMonitor.Analytics.Anomalies;

/// <summary>
/// What follows a round's findings: store them (idempotent per series, minute and detector) and publish
/// AnomalyDetected, log and count only the rows that were new, so a replayed round reports nothing twice.
/// </summary>
public sealed partial class AnomalyReporter(AnomalyStore store, EventPublisher events, TimeProvider clock, IMeterFactory meterFactory, ILogger<AnomalyReporter> logger)
{
    private readonly Counter<long> detected = meterFactory.Create(RollupMetrics.MeterName)
        .CreateCounter<long>("perfmon.analytics.anomalies", "{anomaly}", "Anomalies stored and published");

    /// <summary>Stores and publishes the findings; returns how many were new.</summary>
    public async Task<int> ReportAsync(IReadOnlyList<AnomalyRecord> found, CancellationToken cancellationToken)
    {
        var inserted = await store.InsertAsync(found, cancellationToken);
        foreach (var anomaly in inserted)
        {
            await events.PublishAsync(anomaly.SeriesId, new AnomalyDetected(anomaly.Id, clock.GetUtcNow(), anomaly.SeriesId, anomaly.Metric, anomaly.Labels,
                anomaly.Time, anomaly.Value, anomaly.Expected, anomaly.Lower, anomaly.Upper, anomaly.Score, anomaly.Severity, anomaly.Detector), cancellationToken);
            LogDetected(anomaly.SeriesId, anomaly.Metric, anomaly.Time, anomaly.Value, anomaly.Expected, anomaly.Severity);
        }
        detected.Add(inserted.Count);
        return inserted.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Anomaly in series {SeriesId} ({Metric}) at {Time:o}: {Value} vs expected {Expected} ({Severity})")]
    private partial void LogDetected(string seriesId, string metric, DateTimeOffset time, double value, double expected, string severity);
}
