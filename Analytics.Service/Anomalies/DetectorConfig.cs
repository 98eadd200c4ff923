namespace PerfMonitor.Analytics.Anomalies;

/// <summary>
/// One detector configuration: the online service runs one, the backtest endpoint replays any.
/// Window: points in the rolling median/MAD baseline. K of N: flap control, an episode opens when K of the
/// last N points are outside the band (or one point is beyond 1.5 times the threshold: a spike needs no company).
/// </summary>
public sealed record DetectorConfig(
    Sensitivity Sensitivity = Sensitivity.Medium,
    int Window = 60,
    int MinPoints = 30,
    int K = 2,
    int N = 3,
    double SeasonalMinDays = 2,
    double WeeklyMinDays = 14)
{
    public double Threshold => Sensitivity switch
    {
        Sensitivity.Low => 6,
        Sensitivity.High => 3.5,
        _ => 4.5,
    };

    public string Name => "median-mad" + (Sensitivity == Sensitivity.Medium ? "" : $"-{Sensitivity.ToString().ToLowerInvariant()}");
}
