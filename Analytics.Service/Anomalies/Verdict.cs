namespace PerfMonitor.Analytics.Anomalies;

/// <summary>
/// What the detector made of one point. <see cref="IsAnomaly"/> is the flap-controlled decision;
/// <see cref="OutsideBand"/> is the raw test of this point alone.
/// </summary>
public sealed record Verdict(
    DateTimeOffset Time, double Value, double Expected, double Lower, double Upper, double Score,
    bool OutsideBand, bool IsAnomaly, string Severity, string Detector);
