namespace PerfMonitor.Alerting;

/// <summary>The one Meter the service's own metrics are on; each feature adds its instruments to it.</summary>
public static class AlertingMeter
{
    public const string Name = "PerfMonitor.Alerting";
}
