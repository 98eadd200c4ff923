namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>
/// PerfMonitor's freshness (sent to visible in /api/v1/rollups) and alert latency (sample to webhook) during the hold, and
/// the alert latency of the idle system before the load: the first alerts after start.
/// </summary>
public sealed record HoldProbeResult(
    double FreshnessP50Ms, double FreshnessP99Ms, int FreshnessProbes, double AlertP50Ms, double AlertP99Ms, int AlertsReceived, int AlertsInjected)
{
    public double IdleAlertP50Ms { get; init; }

    /// <summary>The slowest of the few idle alerts (a p99 of five is their maximum).</summary>
    public double IdleAlertMaxMs { get; init; }

    public int IdleAlertsReceived { get; init; }

    public int IdleAlertsInjected { get; init; }
}
