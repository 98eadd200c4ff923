using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.Events;

namespace PerfMonitor.Analytics.Anomalies;

/// <summary>
/// Feeds every series' closed minutes (older than the allowed lateness, so they no longer change) through its own
/// online detector, stores what the flap control calls anomalous and publishes AnomalyDetected for the rows that were
/// new. One replica detects at a time (a PostgreSQL advisory lock); a new leader warms its detectors on the last
/// hours before reporting. Gauges are judged on the minute's average, counters on their per-second rate.
/// </summary>
public sealed partial class AnomalyDetectionService(
    NpgsqlDataSource dataSource,
    AnomalyStore store,
    EventPublisher events,
    TimeProvider clock,
    IMeterFactory meterFactory,
    IOptions<AnomalyOptions> options,
    IOptions<RollupOptions> rollupOptions,
    ILogger<AnomalyDetectionService> logger) : BackgroundService
{
    /// <summary>The minute rows of every series in ($1, $2], oldest first.</summary>
    public const string NewMinutesSql = """
        SELECT r.series_id, r.bucket, r.count, r.sum, r.increase, s.metric, s.labels, s.kind
        FROM perfmon.rollups_1m r JOIN perfmon.series s USING (series_id)
        WHERE r.bucket > $1 AND r.bucket <= $2 ORDER BY r.bucket
        """;

    private const long LeaderLockKey = 0x5045_5246_414E_4F4D; // "PERFANOM"

    private readonly Counter<long> detected = meterFactory.Create(RollupMetrics.MeterName)
        .CreateCounter<long>("perfmon.analytics.anomalies", "{anomaly}", "Anomalies stored and published");

    private readonly Dictionary<long, (SeriesDetector Detector, string Metric, Dictionary<string, string> Labels)> detectors = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var leader = await dataSource.OpenConnectionAsync(stoppingToken);
                if (!await TryLeadAsync(leader, stoppingToken))
                {
                    await Task.Delay(options.Value.Interval * 4, clock, stoppingToken);
                    continue;
                }
                await LeadAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(ex);
                detectors.Clear();
                await Task.Delay(options.Value.Interval, clock, stoppingToken);
            }
        }
    }

    private static async Task<bool> TryLeadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
        command.Parameters.AddWithValue(LeaderLockKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task LeadAsync(CancellationToken stoppingToken)
    {
        var reportFrom = ClosedMinute();
        var processed = reportFrom - options.Value.Warmup;
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            var closed = ClosedMinute();
            if (closed > processed)
            {
                await ProcessAsync(processed, closed, reportFrom, stoppingToken);
                processed = closed;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>The start of the newest minute no sample can still join.</summary>
    private DateTimeOffset ClosedMinute()
    {
        var settled = clock.GetUtcNow() - rollupOptions.Value.AllowedLateness - TimeSpan.FromMinutes(1) - rollupOptions.Value.FlushInterval;
        return new DateTimeOffset(settled.UtcTicks - (settled.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
    }

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

        var inserted = await store.InsertAsync(found, cancellationToken);
        foreach (var anomaly in inserted)
        {
            await events.PublishAsync(anomaly.SeriesId, new AnomalyDetected(anomaly.Id, clock.GetUtcNow(), anomaly.SeriesId, anomaly.Metric, anomaly.Labels,
                anomaly.Time, anomaly.Value, anomaly.Expected, anomaly.Lower, anomaly.Upper, anomaly.Score, anomaly.Severity, anomaly.Detector), cancellationToken);
            LogDetected(anomaly.SeriesId, anomaly.Metric, anomaly.Time, anomaly.Value, anomaly.Expected, anomaly.Severity);
        }
        detected.Add(inserted.Count);
        return inserted.Count;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Anomaly in series {SeriesId} ({Metric}) at {Time:o}: {Value} vs expected {Expected} ({Severity})")]
    private partial void LogDetected(string seriesId, string metric, DateTimeOffset time, double value, double expected, string severity);

    [LoggerMessage(Level = LogLevel.Error, Message = "Anomaly detection failed; detectors are rebuilt")]
    private partial void LogFailed(Exception exception);
}
