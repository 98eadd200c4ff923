using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using PerfMonitor.Analytics.Anomalies;
using PerfMonitor.Analytics.Health;
using PerfMonitor.Analytics.Queries;
using PerfMonitor.Analytics.Rollups;

namespace PerfMonitor.Analytics.Bench.Explain;

/// <summary>
/// EXPLAIN (ANALYZE, BUFFERS) of the statements the service runs, taken from the service's own constants, with the
/// parameters an API call would bind. Each runs twice; the second (warm) plan is printed in full, and a summary
/// line gives both times and any sequential scan.
/// </summary>
public sealed partial class ExplainQueries(BenchDatabase database, IReadOnlyList<BenchSeries> series, DateTime end)
{
    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var one = series.First(s => s.Metric == "http_request_duration_ms");
        var oneLabels = JsonSerializer.Serialize(one.LabelMap);
        var service = one.LabelMap["service"];
        var serviceLabels = JsonSerializer.Serialize(new Dictionary<string, string> { ["service"] = service });
        var hour = end.AddHours(-1);
        var day = end.AddDays(-1);
        var day5m = RollupQueries.Align(day, RollupSources.FiveMinutes).UtcDateTime;
        var week = end.AddDays(-7);
        var closedHour = new DateTime(end.Ticks - (end.Ticks % TimeSpan.TicksPerHour), DateTimeKind.Utc).AddHours(-2);
        string[] anySeverity = ["info", "warning", "critical"];

        (string Name, string Sql, object?[] Parameters)[] queries =
        [
            ("series: metric + service label", SeriesQueries.ListSql, ["http_request_duration_ms", serviceLabels, 100]),
            ("series: metric prefix http_*", SeriesQueries.ListSql, ["http_*", "{}", 100]),
            ("series: label only (route)", SeriesQueries.ListSql, [null, """{"route":"/api/r05"}""", 100]),
            ("rollups 1h, one series (1m)", RollupQueries.RowsSql(RollupSource.Minutes, false), [one.Metric, oneLabels, hour, end]),
            ("rollups 24h, one series (5m from minutes: before)", RollupQueries.RowsSql(RollupSource.Minutes, false), [one.Metric, oneLabels, day5m, end]),
            ("rollups 24h, one series (5m from rollups_5m: after)", RollupQueries.RowsSql(RollupSource.FiveMinutes, false), [one.Metric, oneLabels, day5m, end]),
            ("rollups 1h, 200 series of a service", RollupQueries.RowsSql(RollupSource.Minutes, false), [one.Metric, serviceLabels, hour, end]),
            ("rollups 24h, 200 series of a service (5m from minutes: before)", RollupQueries.RowsSql(RollupSource.Minutes, false), [one.Metric, serviceLabels, day5m, end]),
            ("rollups 24h, 200 series of a service (5m from rollups_5m: after)", RollupQueries.RowsSql(RollupSource.FiveMinutes, false), [one.Metric, serviceLabels, day5m, end]),
            ("rollups 7d hourly, one series", RollupQueries.RowsSql(RollupSource.Hours, false), [one.Metric, oneLabels, week, end]),
            ("rollups 7d hourly, 200 series of a service", RollupQueries.RowsSql(RollupSource.Hours, false), [one.Metric, serviceLabels, week, end]),
            ("summary 7d errors (status 5*), hourly", RollupQueries.RowsSql(RollupSource.Hours, true), [one.Metric, serviceLabels, week, end, "status", "5%"]),
            ("summary 24h errors (status 5*), five minutes", RollupQueries.RowsSql(RollupSource.FiveMinutes, true), [one.Metric, serviceLabels, day5m, end, "status", "5%"]),
            ("series count of a rollup answer", $"SELECT count(*)::int FROM ({RollupQueries.Matching}) m", [one.Metric, serviceLabels]),
            ("backtest: one series 7d of minutes", AnomaliesApi.BacktestSql, [one.Id, week, end]),
            ("anomalies 24h, all", AnomalyStore.ListSql, [null, "{}", day, end, anySeverity, 100]),
            ("anomalies 24h, metric + service", AnomalyStore.ListSql, [one.Metric, serviceLabels, day, end, anySeverity, 100]),
            ("anomalies 7d, critical of a service", AnomalyStore.ListSql, [null, serviceLabels, week, end, new[] { "critical" }, 100]),
            ("health: anomalies per service, 15 min", AnomalyStore.CountByLabelSql, ["service", end.AddMinutes(-15)]),
            ("health: signals of all services, 15 min", HealthScorer.SignalsSql, [end.AddMinutes(-15), end, "service", "status", "route", null]),
            ("health: signals of one service, 15 min", HealthScorer.SignalsSql, [end.AddMinutes(-15), end, "service", "status", "route", service]),
            ("health: history 24h, one service", HealthScorer.HistorySql, [day, service]),
            ("health: history 24h, all", HealthScorer.HistorySql, [day, null]),
            ("health job: last status per service", HealthScoreJob.LastStatusSql, []),
            ("anomaly job: new minutes (15 s round)", AnomalyScan.NewMinutesSql, [end.AddMinutes(-1), end]),
            ("hourly job: minutes of one hour (work_mem 4 MB: before)", HourlyRollupJob.MinutesOfHourSql, [closedHour, closedHour.AddHours(1)]),
            ("hourly job: minutes of one hour (the job's work_mem: after)", HourlyRollupJob.MinutesOfHourSql, [closedHour, closedHour.AddHours(1)]),
        ];

        var summary = new List<string>();
        foreach (var (name, sql, parameters) in queries)
        {
            var workMem = name.EndsWith("work_mem: after)", StringComparison.Ordinal) ? $"{new HourlyRollupOptions().SortMemoryMegabytes}MB" : null;
            var cold = await ExplainAsync(sql, parameters, workMem, cancellationToken);
            var warm = await ExplainAsync(sql, parameters, workMem, cancellationToken);
            output.WriteLine($"\n### {name}\n");
            output.WriteLine(string.Join('\n', warm));
            var scans = warm.Where(l => l.Contains("Seq Scan", StringComparison.Ordinal)).Select(l => SeqScan().Match(l).Value).Distinct().ToList();
            summary.Add($"| {name} | {Time(cold)} | {Time(warm)} | {Buffers(warm)} | {(scans.Count == 0 ? "none" : string.Join(", ", scans))} |");
        }
        output.WriteLine("\n| query | first run ms | second run ms | buffers (second run, top node) | sequential scans |");
        output.WriteLine("|---|---|---|---|---|");
        summary.ForEach(output.WriteLine);
    }

    /// <summary>With <paramref name="workMem"/>, the statement runs in a transaction under SET LOCAL work_mem, as the hourly job runs it.</summary>
    private async Task<List<string>> ExplainAsync(string sql, object?[] parameters, string? workMem, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (workMem is not null)
        {
            await using var set = new NpgsqlCommand($"SET LOCAL work_mem = '{workMem}'", connection);
            await set.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection) { CommandTimeout = 0 };
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter is null ? new NpgsqlParameter<string?> { TypedValue = null, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } : new NpgsqlParameter { Value = parameter });
        }
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(reader.GetString(0));
        }
        return lines;
    }

    private static string Time(List<string> plan) => plan.Select(l => ExecutionTime().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value ?? "?";

    private static string Buffers(List<string> plan) => plan.FirstOrDefault(l => l.TrimStart().StartsWith("Buffers:", StringComparison.Ordinal))?.Trim()["Buffers: ".Length..] ?? "";

    [GeneratedRegex(@"Execution Time: ([0-9.]+) ms")]
    private static partial Regex ExecutionTime();

    [GeneratedRegex(@"Seq Scan on \S+")]
    private static partial Regex SeqScan();
}
