using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Contracts;

namespace PerfMonitor.Analytics.Anomalies;

/// <summary>
/// One round of detection: feeds every series' minutes in a range through its own online detector (kept between
/// rounds) and hands what the flap control calls anomalous to the <see cref="AnomalyReporter"/>. Gauges are judged on
/// the minute's average, counters on their per-second rate; a series without a baseline of its own borrows its
/// siblings' median one.
/// </summary>
public sealed class AnomalyScan(NpgsqlDataSource dataSource, AnomalyReporter reporter, IOptions<AnomalyOptions> options)
{
    /// <summary>The minute rows of every series in ($1, $2], oldest first.</summary>
    public const string NewMinutesSql = """
        SELECT r.series_id, r.bucket, r.count, r.sum, r.increase, s.metric, s.labels, s.kind
        FROM perfmon.rollups_1m r JOIN perfmon.series s USING (series_id)
        WHERE r.bucket > $1 AND r.bucket <= $2 ORDER BY r.bucket
        """;

    private readonly Dictionary<long, (SeriesDetector Detector, string Metric, Dictionary<string, string> Labels)> detectors = [];

    /// <summary>Forgets every detector, so the next rounds warm them again from the stored minutes.</summary>
    public void Reset() => detectors.Clear();

    /// <summary>Observes the minutes in (<paramref name="after"/>, <paramref name="upTo"/>]; reports anomalies from <paramref name="reportFrom"/> on and returns how many were new.</summary>
    public async Task<int> ProcessAsync(DateTimeOffset after, DateTimeOffset upTo, DateTimeOffset reportFrom, CancellationToken cancellationToken)
    {
        var found = new List<AnomalyRecord>();
        var siblingCache = new Dictionary<string, Baseline?>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand(NewMinutesSql))
        {
            command.Parameters.AddWithValue(after.UtcDateTime);
            command.Parameters.AddWithValue(upTo.UtcDateTime);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var seriesId = reader.GetInt64(0);
                var time = new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero);
                var value = reader.GetString(7) == "counter" ? reader.GetDouble(4) / 60 : reader.GetDouble(3) / Math.Max(1, reader.GetInt64(2));
                if (!detectors.TryGetValue(seriesId, out var entry))
                {
                    if (detectors.Count >= options.Value.MaxSeries)
                    {
                        continue;
                    }
                    entry = (new SeriesDetector(options.Value.ToConfig()), reader.GetString(5), JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(6))!);
                    detectors[seriesId] = entry;
                }
                Baseline? borrowed = null;
                if (entry.Detector.Own is null && !siblingCache.TryGetValue(entry.Metric, out borrowed))
                {
                    siblingCache[entry.Metric] = borrowed = SiblingBaseline(entry.Metric);
                }
                if (entry.Detector.Observe(time, value, borrowed) is { IsAnomaly: true } verdict && time >= reportFrom)
                {
                    found.Add(new AnomalyRecord(Guid.NewGuid(), SeriesId.FromStorage(seriesId).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        entry.Metric, entry.Labels, time, verdict.Detector, verdict.Value, verdict.Expected, verdict.Lower, verdict.Upper, verdict.Score, verdict.Severity));
                }
            }
        }
        return await reporter.ReportAsync(found, cancellationToken);
    }

    /// <summary>The median level and spread of the metric's series that have their own baseline (once per round and metric).</summary>
    private Baseline? SiblingBaseline(string metric)
    {
        var siblings = detectors.Where(d => d.Value.Metric == metric && d.Value.Detector.Own is not null)
            .Select(d => d.Value.Detector.Own!.Value).ToList();
        if (siblings.Count == 0)
        {
            return null;
        }
        var levels = siblings.Select(b => b.Level).Order().ToList();
        var scales = siblings.Select(b => b.Scale).Order().ToList();
        return new Baseline(levels[levels.Count / 2], scales[scales.Count / 2]);
    }
}
