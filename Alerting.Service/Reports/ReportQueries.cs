using PerfMonitor.Alerting.Rules;

namespace PerfMonitor.Alerting.Reports;

/// <summary>
/// The PromQL a report asks analytics, over a window as long as its period, on the request metric (one sample per
/// request, as PerfMonitor.Client's request middleware sends it). A route's p95 is that of its slowest method and status
/// series: PromQL cannot merge quantiles across series.
/// </summary>
public sealed class ReportQueries(string metric, TimeSpan period)
{
    private readonly string range = Duration.Format(period);

    public string RouteP95 => $"max by (service, route, method) (quantile_over_time(0.95, {metric}[{range}]))";

    public string Requests => $"sum by (service) (count_over_time({metric}[{range}]))";

    public string ServerErrors => $"sum by (service) (count_over_time({metric}{{status=~\"5..\"}}[{range}]))";
}
