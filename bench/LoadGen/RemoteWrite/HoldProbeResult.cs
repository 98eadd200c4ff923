namespace PerfMonitor.LoadGen.RemoteWrite;

/// <summary>PerfMonitor's freshness (sent to visible in /api/v1/rollups) and alert latency (sample to webhook) during the hold.</summary>
public sealed record HoldProbeResult(
    double FreshnessP50Ms, double FreshnessP99Ms, int FreshnessProbes, double AlertP50Ms, double AlertP99Ms, int AlertsReceived, int AlertsInjected);
