using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.LoadGen.Query;

/// <summary>
/// PerfMonitor's copy of the history. Live ingest refuses it by design (the collector's Ingest:MaxPastSkew, 1 h, and
/// analytics' Rollups:AllowedLateness, 2 min behind a partition's watermark), so it is written the way the analytics
/// consumer writes a replayed backlog: its own <see cref="MinuteAggregator"/> (counter increases, resets, temporality)
/// and <see cref="RollupWriter"/> (minute rows with sketches, the series catalog, dirty hours), an hour of samples per
/// flush in time order, then its own <see cref="HourlyRollupJob"/> derives the five-minute and hour rows. What the
/// benchmark then measures is the query path only: gateway, analytics' Prometheus API, the PromQL engine and the reads.
/// </summary>
public sealed class PerfMonitorHistory(NpgsqlDataSource dataSource, QuerySeriesLayout layout, HistoryClock clock, TimeSpan scrapeInterval)
{
    private const string Group = "bench-query";

    private const string CountSql = """
        SELECT coalesce(sum(r.count), 0)::bigint FROM perfmon.rollups_1m r JOIN perfmon.series s USING (series_id)
        WHERE s.metric LIKE 'bench\_%' AND r.bucket >= $1
        """;

    private static readonly TimeSpan HourlyPatience = TimeSpan.FromSeconds(1);

    public async Task<long> WriteAsync(TextWriter console, CancellationToken cancellationToken)
    {
        var series = Templates();
        var state = new PartitionState();
        var stored = new HashSet<long>();
        var writer = new RollupWriter(dataSource);
        var topic = $"history-{Guid.NewGuid():N}";
        var stepsPerHour = (long)(TimeSpan.FromHours(1) / scrapeInterval);
        var histories = Enumerable.Range(0, layout.Targets).Select(t => new TargetHistory(t, scrapeInterval)).ToArray();
        long written = 0;
        for (long first = 0, chunk = 0; first < clock.Steps; first += stepsPerHour, chunk++)
        {
            var pending = new MinuteAggregator(TimeSpan.FromDays(1));
            var batch = new SampleBatch();
            for (var step = first; step < Math.Min(first + stepsPerHour, clock.Steps); step++)
            {
                var timeMs = clock.TimeMs(step);
                for (var target = 0; target < histories.Length; target++)
                {
                    histories[target].Advance(step, HistoryClock.SecondsOfDay(timeMs));
                    AddSamples(batch, series[target], histories[target], timeMs);
                }
            }
            pending.Add(0, chunk, batch, stored, state);
            await writer.WriteAsync(pending, new Dictionary<int, long>(), Group, topic + chunk, cancellationToken);
            stored.UnionWith(pending.NewSeries.Keys);
            written += pending.SampleCount;
            if (pending.LateCount > 0)
            {
                throw new InvalidOperationException($"{pending.LateCount} history samples were counted late");
            }
            if (chunk % 24 == 23)
            {
                console.WriteLine($"  PerfMonitor: {written:N0} samples written ({chunk + 1} hours)");
            }
        }
        return written;
    }

    /// <summary>Runs analytics' hourly rollup until no closed hour of the history is left dirty.</summary>
    public async Task RollUpAsync(CancellationToken cancellationToken)
    {
        var job = new HourlyRollupJob(dataSource, TimeProvider.System, Options.Create(new HourlyRollupOptions { MaxHoursPerRound = 10_000 }),
            Options.Create(new RollupOptions()), NullLogger<HourlyRollupJob>.Instance);
        while (true)
        {
            await job.RunOnceAsync(cancellationToken);
            await using var command = dataSource.CreateCommand("SELECT count(*) FROM perfmon.rollup_hours_dirty WHERE hour < $1");
            command.Parameters.AddWithValue(clock.EvaluationTime.UtcDateTime);
            if ((long)(await command.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                return;
            }
            // The service's own job holds an hour; wait for it to commit.
            await Task.Delay(HourlyPatience, cancellationToken);
        }
    }

    /// <summary>The samples PerfMonitor holds of the history, from its minute rows.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CountSql);
        command.Parameters.AddWithValue(DateTimeOffset.FromUnixTimeMilliseconds(clock.FirstMs).AddMinutes(-1).UtcDateTime);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<(long FiveMinute, long Hour)> DerivedRowsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT count(*) FROM perfmon.rollups_5m r JOIN perfmon.series s USING (series_id) WHERE s.metric LIKE 'bench\_%'),
                   (SELECT count(*) FROM perfmon.rollups_1h r JOIN perfmon.series s USING (series_id) WHERE s.metric LIKE 'bench\_%')
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static void AddSamples(SampleBatch batch, Sample[] series, TargetHistory history, long timeMs)
    {
        var i = 0;
        foreach (var value in history.Requests)
        {
            batch.Samples.Add(At(series[i++], value, timeMs));
        }
        batch.Samples.Add(At(series[i++], history.Memory, timeMs));
        batch.Samples.Add(At(series[i++], history.Cpu, timeMs));
        foreach (var value in history.Buckets)
        {
            batch.Samples.Add(At(series[i++], value, timeMs));
        }
        batch.Samples.Add(At(series[i++], history.DurationSum, timeMs));
        batch.Samples.Add(At(series[i], history.DurationCount, timeMs));
    }

    private static Sample At(Sample template, double value, long timeMs)
    {
        var sample = new Sample { Metric = template.Metric, SeriesId = template.SeriesId, Kind = template.Kind, Temporality = template.Temporality, Value = value, TimestampUnixMs = timeMs };
        sample.Labels.Add(template.Labels);
        return sample;
    }

    /// <summary>Each target's twenty series in <see cref="AddSamples"/>'s order, labelled as Prometheus labels them.</summary>
    private Sample[][] Templates() => [.. Enumerable.Range(0, layout.Targets).Select(target =>
    {
        (string Name, string Value)[] common = [("instance", QuerySeriesLayout.Instance(target)), ("job", layout.Job(target))];
        var samples = new List<Sample>();
        for (var route = 0; route < QuerySeriesLayout.Routes; route++)
        {
            samples.Add(Template(QuerySeriesLayout.Requests, [.. common, ("route", QuerySeriesLayout.Route(route))], MetricKind.Counter));
        }
        samples.Add(Template(QuerySeriesLayout.Memory, common, MetricKind.Gauge));
        samples.Add(Template(QuerySeriesLayout.Cpu, common, MetricKind.Gauge));
        samples.AddRange(QuerySeriesLayout.Buckets.Select(le => Template(QuerySeriesLayout.Duration + "_bucket", [.. common, ("le", le)], MetricKind.Counter)));
        samples.Add(Template(QuerySeriesLayout.Duration + "_sum", common, MetricKind.Counter));
        samples.Add(Template(QuerySeriesLayout.Duration + "_count", common, MetricKind.Counter));
        return samples.ToArray();
    })];

    private static Sample Template(string metric, IEnumerable<(string Name, string Value)> labels, MetricKind kind)
    {
        var sample = new Sample { Metric = metric, Kind = kind, Temporality = kind == MetricKind.Counter ? Temporality.Cumulative : Temporality.Unspecified };
        sample.Labels.AddRange(labels.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => new Label { Name = l.Name, Value = l.Value }));
        sample.SeriesId = SeriesId.Compute(metric, sample.Labels);
        return sample;
    }
}
