using Google.Protobuf.WellKnownTypes;
using PerfMonitor.Alerting.State;
using PerfMonitor.Contracts.V1;
using AlertTransition = PerfMonitor.Contracts.V1.AlertTransition;

namespace PerfMonitor.Alerting.Grpc;

/// <summary>An alert as perfmon.v1.Alert, from the view GET /api/v1/alerts returns: the same fields, empty text for none.</summary>
public static class AlertMessages
{
    public static Alert From(AlertView view)
    {
        var alert = new Alert
        {
            Id = view.Id, RuleId = view.RuleId.ToString(), RuleName = view.RuleName, Kind = view.Kind, Severity = view.Severity, SeriesId = view.SeriesId,
            State = view.State, Value = view.Value, ActiveAt = Time(view.ActiveAt), FiredAt = Time(view.FiredAt), ResolvedAt = Time(view.ResolvedAt),
            LastNotifiedAt = Time(view.LastNotifiedAt), Silenced = view.Silenced, UpdatedAt = Time(view.UpdatedAt), InhibitedBy = view.InhibitedBy ?? "",
            AcknowledgedBy = view.AcknowledgedBy ?? "", AcknowledgedAt = Time(view.AcknowledgedAt), AcknowledgeComment = view.AcknowledgeComment ?? "",
        };
        alert.Labels.Add(view.Labels.ToDictionary());
        alert.History.AddRange(view.History.Select(h => new AlertTransition { From = h.From, To = h.To, Value = h.Value, Silenced = h.Silenced, At = Time(h.At) }));
        return alert;
    }

    private static Timestamp? Time(DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;
}
