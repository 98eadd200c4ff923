using PerfMonitor.Alerting.Evaluation;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Alerting.Reports;

/// <summary>Turns a report's typed inputs into its numbers: no I/O, so the arithmetic is checked on its own.</summary>
public static class ReportBuilder
{
    private const string ServiceLabel = "service";
    private const string RouteLabel = "route";
    private const string MethodLabel = "method";
    private const double Percent = 100;
    private static readonly string[] SeverityOrder = ["info", "warning", "critical"];

    public static Report Build(ReportKind kind, DateTimeOffset start, DateTimeOffset end, DateTimeOffset generatedAt, ReportInputs inputs, int slowestRoutes) => new(
        kind, start, end, generatedAt,
        Health(inputs.Health, start, end),
        Alerts(inputs.Firings),
        Anomalies(inputs.Anomalies),
        Routes(inputs.RouteP95, inputs.PreviousRouteP95, slowestRoutes),
        Traffic(inputs),
        inputs.Unavailable);

    public static double? ChangePercent(double now, double? previous) => previous is > 0 ? (now - previous.Value) / previous.Value * Percent : null;

    private static List<ServiceHealthLine> Health(HealthScoresResponse? health, DateTimeOffset start, DateTimeOffset end) =>
        [.. (health?.Services ?? []).OrderBy(s => s.Score).ThenBy(s => s.Service, StringComparer.Ordinal).Select(s =>
        {
            var during = s.History.Where(h => h.Time.ToDateTimeOffset() >= start && h.Time.ToDateTimeOffset() < end).Select(h => h.Score).ToList();
            return new ServiceHealthLine(s.Service, s.Score, s.Status, during.Count > 0 ? during.Min() : null);
        })];

    private static List<AlertLine> Alerts(IReadOnlyList<AlertFiring> firings) =>
        [.. firings.GroupBy(f => (f.Rule, f.Severity)).Select(group =>
        {
            var toResolve = group.Where(f => f.ResolvedAt is not null).Select(f => (f.ResolvedAt!.Value - f.FiredAt).TotalSeconds).ToList();
            return new AlertLine(group.Key.Rule, group.Key.Severity, group.Count(), toResolve.Count,
                toResolve.Count > 0 ? toResolve.Average() : null, toResolve.Count > 0 ? toResolve.Max() : null);
        }).OrderByDescending(a => a.Fired).ThenBy(a => a.Rule, StringComparer.Ordinal)];

    private static List<AnomalyLine> Anomalies(AnomaliesResponse? anomalies) =>
        [.. (anomalies?.Anomalies ?? []).GroupBy(a => (Service: a.Labels.GetValueOrDefault(ServiceLabel, ""), a.Metric)).Select(group =>
        {
            var highest = group.MaxBy(a => Array.IndexOf(SeverityOrder, a.Severity))!.Severity;
            return new AnomalyLine(group.Key.Service, group.Key.Metric, group.Count(), highest, group.Max(a => a.Score));
        }).OrderByDescending(a => a.Count).ThenBy(a => a.Service, StringComparer.Ordinal).ThenBy(a => a.Metric, StringComparer.Ordinal)];

    private static List<RouteLine> Routes(IReadOnlyList<ExprSample>? now, IReadOnlyList<ExprSample>? previous, int count)
    {
        var before = (previous ?? []).Where(s => double.IsFinite(s.Value)).ToDictionary(RouteKey, s => s.Value);
        return [.. (now ?? []).Where(s => double.IsFinite(s.Value)).OrderByDescending(s => s.Value).ThenBy(RouteKey).Take(count).Select(s =>
        {
            double? was = before.TryGetValue(RouteKey(s), out var value) ? value : null;
            return new RouteLine(Label(s, ServiceLabel), Label(s, RouteLabel), Label(s, MethodLabel), s.Value, was, ChangePercent(s.Value, was));
        })];
    }

    private static List<TrafficLine> Traffic(ReportInputs inputs)
    {
        var requests = ByService(inputs.Requests);
        var previousRequests = ByService(inputs.PreviousRequests);
        var errors = ByService(inputs.Errors);
        var previousErrors = ByService(inputs.PreviousErrors);
        return [.. requests.Keys.Union(previousRequests.Keys).Order(StringComparer.Ordinal).Select(service =>
        {
            var now = requests.GetValueOrDefault(service);
            var before = previousRequests.GetValueOrDefault(service);
            return new TrafficLine(service, now, before, ChangePercent(now, before), errors.GetValueOrDefault(service), previousErrors.GetValueOrDefault(service));
        })];
    }

    private static Dictionary<string, double> ByService(IReadOnlyList<ExprSample>? samples) =>
        (samples ?? []).GroupBy(s => Label(s, ServiceLabel)).ToDictionary(g => g.Key, g => g.Sum(s => s.Value), StringComparer.Ordinal);

    private static string RouteKey(ExprSample sample) => $"{Label(sample, ServiceLabel)}\n{Label(sample, RouteLabel)}\n{Label(sample, MethodLabel)}";

    private static string Label(ExprSample sample, string name) => sample.Labels.GetValueOrDefault(name, "");
}
