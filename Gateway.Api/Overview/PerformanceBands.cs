namespace PerfMonitor.Gateway.Overview;

/// <summary>Score bands users of such dashboards expect: 80-100 excellent, 60-79 good, 40-59 fair, below 40 poor.</summary>
public static class PerformanceBands
{
    public static string Of(double? score) => score switch
    {
        null => "unknown",
        >= 80 => "excellent",
        >= 60 => "good",
        >= 40 => "fair",
        _ => "poor",
    };
}
