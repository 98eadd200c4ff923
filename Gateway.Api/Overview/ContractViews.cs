using Google.Protobuf.WellKnownTypes;
using V1 = PerfMonitor.Contracts.V1;

namespace PerfMonitor.Gateway.Overview;

/// <summary>The overview's parts from the services' gRPC messages, field by field.</summary>
public static class ContractViews
{
    public static ServiceScore From(V1.ServiceHealth service) => new(
        service.Service, service.Score, service.Status,
        [.. service.Components.Select(c => new ScoreComponent(c.Name, c.Score, c.Weight, c.HasValue ? c.Value : null, c.Detail))],
        [.. service.Recommendations]);

    public static RecentAnomaly From(V1.AnomalyInfo anomaly) => new(
        anomaly.Id, anomaly.SeriesId, anomaly.Metric, new Dictionary<string, string>(anomaly.Labels), Time(anomaly.Time),
        anomaly.Detector, anomaly.Value, anomaly.Expected, anomaly.Lower, anomaly.Upper, anomaly.Score, anomaly.Severity);

    public static FiringAlert From(V1.Alert alert) => new(
        alert.RuleId, alert.RuleName, alert.Kind, alert.Severity, alert.SeriesId, new Dictionary<string, string>(alert.Labels), alert.State, alert.Value,
        Time(alert.ActiveAt), Time(alert.FiredAt), Time(alert.ResolvedAt), Time(alert.LastNotifiedAt), alert.Silenced, Time(alert.UpdatedAt),
        [.. alert.History.Select(step => new AlertStep(step.From, step.To, step.Value, step.Silenced, Time(step.At)))]);

    /// <summary>An unset timestamp (proto3 has no null) is no time.</summary>
    private static DateTimeOffset? Time(Timestamp? timestamp) => timestamp?.ToDateTimeOffset();
}
