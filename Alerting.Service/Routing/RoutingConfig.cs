namespace PerfMonitor.Alerting.Routing;

/// <summary>What PUT /api/v1/routing takes and GET returns: the route tree, inhibit rules and named time intervals, in Alertmanager's names.</summary>
public sealed class RoutingConfig
{
    public RouteConfig? Route { get; set; }

    public List<InhibitRuleConfig>? InhibitRules { get; set; }

    public List<TimeIntervalConfig>? TimeIntervals { get; set; }
}
