using PerfMonitor.Analytics.Anomalies;

namespace PerfMonitor.Analytics.Tests.Anomalies;

/// <summary>
/// Replays the corpus through a detector configuration. An episode (consecutive anomalous points) is a true positive
/// when it starts inside an incident window or up to <see cref="Tolerance"/> after it; an incident is detected when an
/// episode starts in that span; the delay is from the incident's start to the first such episode.
/// </summary>
public static class CorpusEvaluator
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static CorpusScore Evaluate(string kind, IReadOnlyList<LabelledSeries> corpus, DetectorConfig config)
    {
        int incidents = 0, detected = 0, episodes = 0, truePositives = 0;
        double days = 0, delay = 0;
        foreach (var series in corpus)
        {
            var detector = new SeriesDetector(config);
            var starts = new List<DateTimeOffset>();
            var previous = false;
            foreach (var (time, value) in series.Points)
            {
                var anomalous = detector.Observe(time, value)?.IsAnomaly ?? false;
                if (anomalous && !previous)
                {
                    starts.Add(time);
                }
                previous = anomalous;
            }
            days += series.Points.Count / 1440.0;
            episodes += starts.Count;
            truePositives += starts.Count(s => series.Incidents.Any(i => s >= i.Start && s < i.End + Tolerance));
            foreach (var (start, end) in series.Incidents)
            {
                incidents++;
                var first = starts.Where(s => s >= start && s < end + Tolerance).Order().FirstOrDefault();
                if (first != default)
                {
                    detected++;
                    delay += (first - start).TotalMinutes;
                }
            }
        }
        return new CorpusScore(kind, config.Sensitivity.ToString().ToLowerInvariant(), incidents, detected, episodes, truePositives, days, detected == 0 ? double.NaN : delay / detected);
    }
}
