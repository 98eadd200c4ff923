namespace PerfMonitor.Alerting.Slos;

/// <summary>
/// What an SLO measures, as PromQL series selectors. Ratio: <see cref="Good"/> and <see cref="Total"/> are counters.
/// Latency: <see cref="Histogram"/> names a classic histogram (its <c>_bucket</c> and <c>_count</c> series, with the
/// selector's matchers) and <see cref="Threshold"/> is the <c>le</c> bound of the good bucket, in the histogram's unit.
/// </summary>
public sealed record SloIndicator(SloIndicatorKind Kind, string Good, string Total, string Histogram, double Threshold)
{
    public static SloIndicator Ratio(string good, string total) => new(SloIndicatorKind.Ratio, good, total, "", 0);

    public static SloIndicator Latency(string histogram, double threshold) => new(SloIndicatorKind.Latency, "", "", histogram, threshold);
}
