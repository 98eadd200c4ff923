using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Analytics.Anomalies;
using PerfMonitor.Analytics.Performance;
using PerfMonitor.Analytics.Queries;

namespace PerfMonitor.Analytics.Health;

/// <summary>
/// Scores every service (the service label) over the window from its minute rollups: latency as Apdex against the
/// service's target from the merged latency sketch, error rate, saturation (worst of CPU, memory, pool), anomalies,
/// availability (minutes with data) and freshness (age of the last sample). Recommendations are rules that name the cause.
/// </summary>
public sealed class HealthScorer(NpgsqlDataSource dataSource, AnomalyStore anomalies, IOptions<HealthOptions> options, IOptions<MetricConventions> conventions)
{
    /// <summary>[$1, $2) window, $3 service label, $4 status label, $5 route label, $6 one service or null.</summary>
    public const string SignalsSql = """
        SELECT s.labels ->> $3, s.metric, coalesce(s.labels ->> $4, ''), coalesce(s.labels ->> $5, ''),
               r.bucket, r.count, r.sum, r.min, r.max, r.sketch, r.last_at_ms
        FROM perfmon.rollups_1m r JOIN perfmon.series s USING (series_id)
        WHERE r.bucket >= $1 AND r.bucket < $2 AND s.labels ->> $3 IS NOT NULL AND ($6::text IS NULL OR s.labels ->> $3 = $6)
        """;

    /// <summary>$1 since, $2 one service or null.</summary>
    public const string HistorySql = "SELECT service, time, score, status FROM perfmon.health_scores WHERE time >= $1 AND ($2::text IS NULL OR service = $2) ORDER BY time";

    public async Task<HealthScoresResponse> ComputeAsync(DateTimeOffset now, string? onlyService, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var names = conventions.Value;
        var from = now - o.Window;
        var signals = new Dictionary<string, ServiceSignals>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand(SignalsSql))
        {
            command.Parameters.AddWithValue(from.UtcDateTime);
            command.Parameters.AddWithValue(now.UtcDateTime);
            command.Parameters.AddWithValue(names.ServiceLabel);
            command.Parameters.AddWithValue(names.StatusLabel);
            command.Parameters.AddWithValue(names.RouteLabel);
            command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = onlyService, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var service = reader.GetString(0);
                if (!signals.TryGetValue(service, out var s))
                {
                    signals[service] = s = new ServiceSignals();
                }
                var metric = reader.GetString(1);
                var (count, sum, min, max) = (reader.GetInt64(5), reader.GetDouble(6), reader.GetDouble(7), reader.GetDouble(8));
                var sketch = reader.IsDBNull(9) ? null : (byte[])reader[9];
                s.MinutesWithData.Add(reader.GetDateTime(4));
                s.LastSampleMs = Math.Max(s.LastSampleMs, reader.GetInt64(10));
                if (metric == names.RequestDuration)
                {
                    s.Requests.Add(count, sum, min, max, 0, sketch);
                    var route = reader.GetString(3);
                    if (!s.Routes.TryGetValue(route, out var routeBucket))
                    {
                        s.Routes[route] = routeBucket = new BucketAccumulator();
                    }
                    routeBucket.Add(count, sum, min, max, 0, sketch);
                    if (reader.GetString(2).StartsWith(names.ErrorStatusPrefix, StringComparison.Ordinal))
                    {
                        s.Errors += count;
                    }
                }
                var role = metric == names.CpuPercent ? s.Cpu
                    : metric == names.MemoryPercent ? s.Memory
                    : metric == names.PoolUtilizationPercent ? s.Pool
                    : metric == names.QueryDuration ? s.Queries
                    : metric == names.CacheHitRatio ? s.Cache
                    : null;
                role?.Add(count, sum, min, max, 0, sketch);
            }
        }
        foreach (var (service, count) in await anomalies.CountByLabelAsync(names.ServiceLabel, from, cancellationToken))
        {
            if (signals.TryGetValue(service, out var s))
            {
                s.Anomalies = count;
            }
        }

        var services = signals.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => Score(s.Key, s.Value, now)).ToList();
        var performance = services.Count == 0 ? 100 : Math.Round(services.Average(s => s.Score), 1);
        var recommendations = services.Where(s => s.Score < 80).OrderBy(s => s.Score).SelectMany(s => s.Recommendations.Select(r => $"{s.Service}: {r}")).Take(10).ToList();
        return new HealthScoresResponse(now, performance, HealthBands.Status(performance), services, recommendations);
    }

    private ServiceHealth Score(string service, ServiceSignals s, DateTimeOffset now)
    {
        var o = options.Value;
        var components = new List<HealthComponent>();
        var recommendations = new List<string>();
        double Weight(string name) => o.Weights.GetValueOrDefault(name);
        static string N(double value, string format = "0.#") => value.ToString(format, CultureInfo.InvariantCulture);

        if (s.Requests.Count > 0)
        {
            var target = o.TargetFor(service);
            var satisfied = s.Requests.Sketch.CountAtMost(target);
            var tolerating = s.Requests.Sketch.CountAtMost(4 * target) - satisfied;
            var apdex = (satisfied + (tolerating / 2.0)) / s.Requests.Sketch.Count;
            components.Add(new HealthComponent("latency", Math.Round(apdex * 100, 1), Weight("latency"), Math.Round(apdex, 3),
                $"Apdex {N(apdex, "0.00")} against {N(target)} ms; p95 {N(s.Requests.Quantile(0.95) ?? 0)} ms"));
            if (apdex < 0.85)
            {
                var slowest = s.Routes.Where(r => r.Value.Count > 0).OrderByDescending(r => r.Value.Quantile(0.95)).Take(3)
                    .Select(r => $"{(r.Key.Length == 0 ? "(no route)" : r.Key)} p95 {N(r.Value.Quantile(0.95) ?? 0)} ms");
                recommendations.Add($"Latency above target {N(target)} ms (Apdex {N(apdex, "0.00")}); slowest routes by p95: {string.Join(", ", slowest)}.");
            }

            var errorRate = (double)s.Errors / s.Requests.Count;
            components.Add(new HealthComponent("errors", Math.Round(HealthBands.Linear(errorRate, o.ErrorRateGood, o.ErrorRateBad), 1), Weight("errors"), errorRate,
                $"{s.Errors} of {s.Requests.Count} requests failed ({N(errorRate * 100, "0.##")}%)"));
            if (errorRate > o.ErrorRateGood)
            {
                recommendations.Add($"Error rate {N(errorRate * 100, "0.##")}% is above {N(o.ErrorRateGood * 100)}%: check the failing routes' logs.");
            }
        }

        var saturation = new (string Name, BucketAccumulator Bucket)[] { ("CPU", s.Cpu), ("memory", s.Memory), ("connection pool", s.Pool) }
            .Where(x => x.Bucket.Count > 0).Select(x => (x.Name, Percent: x.Bucket.Avg)).ToList();
        if (saturation.Count > 0)
        {
            var worst = saturation.MaxBy(x => x.Percent);
            components.Add(new HealthComponent("saturation", Math.Round(HealthBands.Linear(worst.Percent, o.SaturationGoodPercent, o.SaturationBadPercent), 1), Weight("saturation"),
                worst.Percent, string.Join(", ", saturation.Select(x => $"{x.Name} {N(x.Percent)}%"))));
        }
        if (s.Pool.Count > 0 && s.Pool.Avg > o.PoolUtilizationAlertPercent)
        {
            recommendations.Add($"Connection pool utilization {N(s.Pool.Avg)}% is above {N(o.PoolUtilizationAlertPercent)}%: raise the pool size or shorten the queries holding connections.");
        }
        if (s.Cpu.Count > 0 && s.Cpu.Avg > o.SaturationGoodPercent)
        {
            recommendations.Add($"CPU {N(s.Cpu.Avg)}% is above {N(o.SaturationGoodPercent)}%: scale out or profile the hottest routes.");
        }
        if (s.Memory.Count > 0 && s.Memory.Avg > 80)
        {
            recommendations.Add($"Memory {N(s.Memory.Avg)}% is above 80%: look for growth in caches or leaks.");
        }
        if (s.Cache.Count > 0 && s.Cache.Avg < o.CacheHitRatioTarget)
        {
            recommendations.Add($"Cache hit ratio {N(s.Cache.Avg, "0.00")} is below the target {N(o.CacheHitRatioTarget, "0.00")}: review cache keys and expiry.");
        }
        if (s.Queries.Count > 0 && s.Queries.Quantile(0.95) is { } queryP95 && queryP95 > o.SlowQueryMs)
        {
            recommendations.Add($"Slow queries: database p95 {N(queryP95)} ms is above {N(o.SlowQueryMs)} ms: check indexes and EXPLAIN the slowest statements.");
        }

        components.Add(new HealthComponent("anomalies", Math.Round(HealthBands.Linear(s.Anomalies, 0, o.AnomaliesBad), 1), Weight("anomalies"), s.Anomalies,
            $"{s.Anomalies} anomalies in the last {N(o.Window.TotalMinutes)} min"));
        if (s.Anomalies > 0)
        {
            recommendations.Add($"{s.Anomalies} anomalies in the last {N(o.Window.TotalMinutes)} min: see /api/v1/anomalies?labels=service:{service}.");
        }

        var windowMinutes = Math.Max(1, o.Window.TotalMinutes);
        var availability = Math.Min(1, s.MinutesWithData.Count / windowMinutes);
        components.Add(new HealthComponent("availability", Math.Round(availability * 100, 1), Weight("availability"), availability,
            $"data in {s.MinutesWithData.Count} of {N(windowMinutes)} minutes"));

        var age = now - DateTimeOffset.FromUnixTimeMilliseconds(s.LastSampleMs);
        components.Add(new HealthComponent("freshness", Math.Round(HealthBands.Linear(age.TotalSeconds, o.FreshWithin.TotalSeconds, o.StaleAfter.TotalSeconds), 1), Weight("freshness"),
            Math.Round(age.TotalSeconds), $"last sample {N(age.TotalSeconds, "0")} s ago"));
        if (age > o.StaleAfter)
        {
            recommendations.Add($"No samples for {N(age.TotalMinutes, "0")} min: check the service and its exporter.");
        }

        var totalWeight = components.Sum(c => c.Weight);
        var score = totalWeight == 0 ? 0 : Math.Round(components.Sum(c => c.Score * c.Weight) / totalWeight, 1);
        return new ServiceHealth(service, score, HealthBands.Status(score), components, recommendations, now, []);
    }

    public async Task<Dictionary<string, List<HealthHistoryPoint>>> HistoryAsync(DateTimeOffset since, string? service, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(HistorySql);
        command.Parameters.AddWithValue(since.UtcDateTime);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = service, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var history = new Dictionary<string, List<HealthHistoryPoint>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            if (!history.TryGetValue(key, out var points))
            {
                history[key] = points = [];
            }
            points.Add(new HealthHistoryPoint(new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero), reader.GetDouble(2), reader.GetString(3)));
        }
        return history;
    }

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
}
