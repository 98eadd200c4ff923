namespace PerfMonitor.Analytics.Anomalies;

/// <summary>A series' current expected level and robust spread; siblings lend theirs to a new series.</summary>
public readonly record struct Baseline(double Level, double Scale);
