namespace PerfMonitor.Analytics.Anomalies;

/// <summary>
/// Online anomaly detection for one series: a rolling median and MAD over the last points (robust: a spike
/// moves neither), on the residual from the seasonal profile once there is enough history. A point's score is
/// its distance from the expected value in robust standard deviations (1.4826 MAD); flap control turns scores
/// into episodes. Until it has its own baseline a series borrows one from its siblings.
/// </summary>
public sealed class SeriesDetector(DetectorConfig config)
{
    private const double MadToSigma = 1.4826;

    /// <summary>One point this far beyond the threshold opens an episode on its own: a spike needs no company.</summary>
    private const double SpikeFactor = 1.5;

    /// <summary>The slow level follows the rolling median with a time constant of about 200 points.</summary>
    private const double SlowAlpha = 0.005;

    private readonly Queue<(DateTimeOffset Time, double Value)> window = new();
    private readonly Queue<bool> recentFlags = new();
    private readonly SeasonalProfile profile = new();
    private DateTimeOffset? firstSeen;
    private double? slowLevel;
    private (bool Daily, bool Weekly) seasonality;
    private bool inEpisode;

    public DetectorConfig Config => config;

    public Baseline? Own { get; private set; }

    public Verdict? Observe(DateTimeOffset time, double value, Baseline? borrowed = null)
    {
        if (!double.IsFinite(value))
        {
            return null;
        }
        firstSeen ??= time;
        var days = (time - firstSeen.Value).TotalDays;
        var useSeasonal = days >= config.SeasonalMinDays;
        var useWeekly = days >= config.WeeklyMinDays;
        if ((useSeasonal, useWeekly) != seasonality)
        {
            // Residuals change meaning when a profile comes into use: the slow level starts again from them.
            seasonality = (useSeasonal, useWeekly);
            slowLevel = null;
        }
        var seasonal = useSeasonal ? profile.Level(time, useWeekly) : null;

        // Residuals from the profile as it is now, so switching seasonality on does not mix old and new residuals.
        Baseline? baseline = window.Count >= config.MinPoints
            ? Compute(window.Select(p => p.Value - (useSeasonal ? profile.Level(p.Time, useWeekly) ?? 0 : 0)))
            : null;
        Own = baseline is { } b ? b with { Level = b.Level + (seasonal ?? 0) } : null;
        Verdict? verdict = null;
        if (baseline is not null || borrowed is not null)
        {
            var (level, scale) = baseline is { } own ? (own.Level + (seasonal ?? 0), own.Scale) : (borrowed!.Value.Level, borrowed.Value.Scale);
            var score = Math.Abs(value - level) / scale;
            var detector = config.Name + (baseline is null ? "-borrowed" : seasonal is null ? "" : "-seasonal");
            var wasInEpisode = inEpisode;

            var outside = score > config.Threshold;
            Remember(outside);
            var flagged = recentFlags.Count(f => f);
            inEpisode = outside && (inEpisode || flagged >= config.K || score > SpikeFactor * config.Threshold);
            verdict = new Verdict(time, value, level, level - (config.Threshold * scale), level + (config.Threshold * scale), score,
                outside, inEpisode, Severity(score), detector);
            if (wasInEpisode && !inEpisode && baseline is { } settled)
            {
                // The episode is over and was reported: its level, if it stayed, is the new normal for drift.
                slowLevel = settled.Level;
            }

            // A drift never puts one point outside the band, but the rolling median walks away from the slow level.
            // The median is already smoothed, so one crossing is reported (no k of n) and the slow level rebased:
            // a drift that goes on is reported again each time it has moved another threshold's worth.
            // Told apart from the daily cycle only once the seasonal profile is in use.
            if (!inEpisode && baseline is { } own2 && useSeasonal && slowLevel is { } slow)
            {
                var driftScore = Math.Abs(own2.Level - slow) / own2.Scale;
                if (driftScore > config.Threshold)
                {
                    var expected = slow + (seasonal ?? 0);
                    verdict = new Verdict(time, value, expected, expected - (config.Threshold * scale), expected + (config.Threshold * scale), driftScore,
                        true, true, Severity(driftScore), config.Name + "-drift");
                    slowLevel = own2.Level;
                }
            }
        }
        if (baseline is { } current)
        {
            slowLevel = slowLevel is { } s ? s + (SlowAlpha * (current.Level - s)) : current.Level;
        }

        // An anomalous point is not learned into the seasonal profile; the rolling window takes everything,
        // so a level shift becomes the new normal after about half a window.
        if (verdict is not { IsAnomaly: true })
        {
            profile.Learn(time, value);
        }
        window.Enqueue((time, value));
        if (window.Count > config.Window)
        {
            window.Dequeue();
        }
        return verdict;
    }

    private void Remember(bool outside)
    {
        recentFlags.Enqueue(outside);
        if (recentFlags.Count > config.N)
        {
            recentFlags.Dequeue();
        }
    }

    private static Baseline Compute(IEnumerable<double> residuals)
    {
        var sorted = residuals.Order().ToArray();
        var median = Median(sorted);
        var deviations = sorted.Select(v => Math.Abs(v - median)).Order().ToArray();
        // A flat series has MAD 0: a floor relative to the level (and an absolute one near zero) keeps every tiny wiggle from scoring infinity.
        var scale = Math.Max(MadToSigma * Median(deviations), Math.Max(Math.Abs(median) * 0.01, 1e-6));
        return new Baseline(median, scale);
    }

    private string Severity(double score) =>
        score >= 2 * config.Threshold ? "critical" : score >= 1.4 * config.Threshold ? "warning" : "info";

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
