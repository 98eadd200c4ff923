using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Slos;

/// <summary>An SLO as the API returns it, with the ids of the rules it owns (read-only through /api/v1/alert-rules).</summary>
public sealed record SloView(
    Guid Id, string Name, string Service, double Objective, string Window, SloIndicatorRequest Indicator, string Description,
    IReadOnlyList<SloRuleView> Rules)
{
    public static SloView From(Slo slo) => new(
        slo.Id, slo.Name, slo.Service, slo.Objective, SloDuration.Format(slo.Window),
        slo.Indicator.Kind == SloIndicatorKind.Ratio
            ? new SloIndicatorRequest("ratio", slo.Indicator.Good, slo.Indicator.Total, null, null)
            : new SloIndicatorRequest("latency", null, null, slo.Indicator.Histogram, slo.Indicator.Threshold),
        slo.Description,
        [.. SloRuleGenerator.Rules(slo).Select(r => new SloRuleView(r.RuleId, r.Alert.Name, WireName<Severity>.Of(r.Alert.Severity), r.Request.Expr!))]);
}
