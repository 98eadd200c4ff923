using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using PerfMonitor.Analytics.Queries;
using PerfMonitor.Contracts;
using static PerfMonitor.Analytics.Queries.QueryParameters;

namespace PerfMonitor.Analytics.Anomalies;

public static class AnomaliesApi
{
    private static readonly TimeSpan DefaultRange = TimeSpan.FromHours(24);

    /// <summary>One series' ($1) minutes in [$2, $3), oldest first.</summary>
    public const string BacktestSql = "SELECT bucket, count, sum, increase FROM perfmon.rollups_1m WHERE series_id = $1 AND bucket >= $2 AND bucket < $3 ORDER BY bucket";

    public static IEndpointRouteBuilder MapAnomaliesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/anomalies", GetAnomalies);
        app.MapGet("/api/v1/anomalies/backtest", Backtest);
        return app;
    }

    private static async Task<Results<Ok<AnomaliesResponse>, ProblemHttpResult>> GetAnomalies(
        AnomalyStore store, TimeProvider clock, CancellationToken cancellationToken,
        string? metric = null, string? labels = null, string? from = null, string? to = null, string? severity = null, int? limit = null)
    {
        if (!TryParseLabels(labels, out var filter, out var bad))
        {
            return Invalid("labels", $"'{bad}' is not name:value");
        }
        if (!TryParseTime(to, clock.GetUtcNow(), out var end))
        {
            return Invalid("to", "must be an RFC 3339 time");
        }
        if (!TryParseTime(from, end - DefaultRange, out var start) || start >= end)
        {
            return Invalid("from", "must be an RFC 3339 time before to");
        }
        var minimum = string.IsNullOrEmpty(severity) ? "info" : severity;
        if (!AnomalyStore.Severities.Contains(minimum))
        {
            return Invalid("severity", $"must be one of {string.Join(", ", AnomalyStore.Severities)}");
        }
        if (limit is < 1 or > SeriesApi.MaxLimit)
        {
            return Invalid("limit", $"must be between 1 and {SeriesApi.MaxLimit}");
        }
        var anomalies = await store.ListAsync(string.IsNullOrEmpty(metric) ? null : metric, filter, start, end, minimum, limit ?? SeriesApi.DefaultLimit, cancellationToken);
        return TypedResults.Ok(new AnomaliesResponse(anomalies.Count, anomalies));
    }

    /// <summary>Replays one series' stored minutes (metric + labels must match exactly one series) through a detector configuration.</summary>
    private static async Task<Results<Ok<BacktestResponse>, ProblemHttpResult>> Backtest(
        NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken cancellationToken,
        string? metric = null, string? labels = null, string? from = null, string? to = null,
        string? sensitivity = null, int? window = null, int? k = null, int? n = null)
    {
        if (string.IsNullOrWhiteSpace(metric))
        {
            return Invalid("metric", "is required");
        }
        if (!TryParseLabels(labels, out var filter, out var bad))
        {
            return Invalid("labels", $"'{bad}' is not name:value");
        }
        if (!TryParseTime(to, clock.GetUtcNow(), out var end))
        {
            return Invalid("to", "must be an RFC 3339 time");
        }
        if (!TryParseTime(from, end - TimeSpan.FromDays(7), out var start) || start >= end)
        {
            return Invalid("from", "must be an RFC 3339 time before to");
        }
        if (!Enum.TryParse<Sensitivity>(sensitivity ?? "medium", ignoreCase: true, out var level) || !Enum.IsDefined(level))
        {
            return Invalid("sensitivity", "must be low, medium or high");
        }
        var defaults = new DetectorConfig(level);
        var config = defaults with { Window = window ?? defaults.Window, K = k ?? defaults.K, N = n ?? defaults.N };
        if (config.Window is < 10 or > 1440)
        {
            return Invalid("window", "must be between 10 and 1440 points");
        }
        if (config.N is < 1 or > 60 || config.K < 1 || config.K > config.N)
        {
            return Invalid(config.K > config.N ? "k" : "n", "k must be between 1 and n, n between 1 and 60");
        }
        config = config with { MinPoints = Math.Min(defaults.MinPoints, config.Window / 2) };

        var matches = new List<(long Id, string Kind, Dictionary<string, string> Labels)>();
        await using (var find = dataSource.CreateCommand("SELECT series_id, kind, labels FROM perfmon.series WHERE metric = $1 AND labels @> $2::jsonb LIMIT 2"))
        {
            find.Parameters.AddWithValue(metric);
            find.Parameters.AddWithValue(JsonSerializer.Serialize(filter));
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                matches.Add((reader.GetInt64(0), reader.GetString(1), JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(2))!));
            }
        }
        if (matches.Count != 1)
        {
            return Invalid("labels", matches.Count == 0 ? "match no series of this metric" : "match more than one series; add labels until one is left");
        }
        var series = matches[0];

        var detector = new SeriesDetector(config);
        var anomalies = new List<Verdict>();
        var points = 0;
        var episodes = 0;
        var previous = false;
        await using (var read = dataSource.CreateCommand(BacktestSql))
        {
            read.Parameters.AddWithValue(series.Id);
            read.Parameters.AddWithValue(start.UtcDateTime);
            read.Parameters.AddWithValue(end.UtcDateTime);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                points++;
                var value = series.Kind == "counter" ? reader.GetDouble(3) / 60 : reader.GetDouble(2) / Math.Max(1, reader.GetInt64(1));
                var verdict = detector.Observe(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), value);
                var anomalous = verdict is { IsAnomaly: true };
                if (anomalous)
                {
                    anomalies.Add(verdict!);
                    episodes += previous ? 0 : 1;
                }
                previous = anomalous;
            }
        }
        return TypedResults.Ok(new BacktestResponse(SeriesId.FromStorage(series.Id).ToString(System.Globalization.CultureInfo.InvariantCulture),
            metric, series.Labels, start, end, config, points, episodes, anomalies));
    }
}
