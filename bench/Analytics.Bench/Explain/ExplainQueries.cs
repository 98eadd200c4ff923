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
        var service = one.LabelMap["service"];
        var serviceFilter = new Dictionary<string, string> { ["service"] = service };
        var serviceLabels = JsonSerializer.Serialize(serviceFilter);
        var hour = end.AddHours(-1);
        var day = end.AddDays(-1);
        var day5m = RollupQueries.Align(day, RollupSources.FiveMinutes).UtcDateTime;
        var week = end.AddDays(-7);
        var closedHour = new DateTime(end.Ticks - (end.Ticks % TimeSpan.TicksPerHour), DateTimeKind.Utc).AddHours(-2);
        string[] anySeverity = ["info", "warning", "critical"];
        string[] critical = ["critical"];

        // Each statement is built on the connection that explains it: a rollup read asks for its series and edge first.
        (string Name, Func<NpgsqlConnection, CancellationToken, Task<NpgsqlCommand>> Statement)[] queries =
        [
            ("series: metric + service label", Plain(SeriesQueries.ListSql, ["http_request_duration_ms", serviceLabels, 100])),
            ("series: metric prefix http_*", Plain(SeriesQueries.ListSql, ["http_*", "{}", 100])),
            ("series: label only (route)", Plain(SeriesQueries.ListSql, [null, """{"route":"/api/r05"}""", 100])),
            ("rollups 1h, one series (1m)", Rollups(RollupSource.Minutes, one.Metric, one.LabelMap, null, hour, end)),
            ("rollups 24h, one series (5m from minutes: before)", Rollups(RollupSource.Minutes, one.Metric, one.LabelMap, null, day5m, end)),
            ("rollups 24h, one series (5m from rollups_5m: after)", Rollups(RollupSource.FiveMinutes, one.Metric, one.LabelMap, null, day5m, end)),
            ("rollups 1h, 200 series of a service", Rollups(RollupSource.Minutes, one.Metric, serviceFilter, null, hour, end)),
            ("rollups 24h, 200 series of a service (5m from minutes: before)", Rollups(RollupSource.Minutes, one.Metric, serviceFilter, null, day5m, end)),
            ("rollups 24h, 200 series of a service (5m from rollups_5m: after)", Rollups(RollupSource.FiveMinutes, one.Metric, serviceFilter, null, day5m, end)),
            ("rollups 7d hourly, one series", Rollups(RollupSource.Hours, one.Metric, one.LabelMap, null, week, end)),
            ("rollups 7d hourly, 200 series of a service", Rollups(RollupSource.Hours, one.Metric, serviceFilter, null, week, end)),
            ("summary 7d errors (status 5*), hourly", Rollups(RollupSource.Hours, one.Metric, serviceFilter, ("status", "5"), week, end)),
            ("summary 24h errors (status 5*), five minutes", Rollups(RollupSource.FiveMinutes, one.Metric, serviceFilter, ("status", "5"), day5m, end)),
            ("series of a rollup answer", Plain(RollupQueries.MatchingSql, [one.Metric, serviceLabels])),
            ("backtest: one series 7d of minutes", Plain(AnomaliesApi.BacktestSql, [one.Id, week, end])),
            ("anomalies 24h, all", Plain(AnomalyStore.ListSql, [null, "{}", day, end, anySeverity, 100])),
            ("anomalies 24h, metric + service", Plain(AnomalyStore.ListSql, [one.Metric, serviceLabels, day, end, anySeverity, 100])),
            ("anomalies 7d, critical of a service", Plain(AnomalyStore.ListSql, [null, serviceLabels, week, end, critical, 100])),
            ("health: anomalies per service, 15 min", Plain(AnomalyStore.CountByLabelSql, ["service", end.AddMinutes(-15)])),
            ("health: signals of all services, 15 min", Plain(HealthScorer.SignalsSql, [end.AddMinutes(-15), end, "service", "status", "route", null])),
            ("health: signals of one service, 15 min", Plain(HealthScorer.SignalsSql, [end.AddMinutes(-15), end, "service", "status", "route", service])),
            ("health: history 24h, one service", Plain(HealthScorer.HistorySql, [day, service])),
            ("health: history 24h, all", Plain(HealthScorer.HistorySql, [day, null])),
            ("health job: last status per service", Plain(HealthScoreJob.LastStatusSql, [])),
            ("anomaly job: new minutes (15 s round)", Plain(AnomalyScan.NewMinutesSql, [end.AddMinutes(-1), end])),
            ("hourly job: minutes of one hour (work_mem 4 MB: before)", Plain(HourlyRollupJob.MinutesOfHourSql, [closedHour, closedHour.AddHours(1)])),
            ("hourly job: minutes of one hour (the job's work_mem: after)", Plain(HourlyRollupJob.MinutesOfHourSql, [closedHour, closedHour.AddHours(1)])),
        ];

        var summary = new List<string>();
        foreach (var (name, statement) in queries)
        {
            var workMem = name.EndsWith("work_mem: after)", StringComparison.Ordinal) ? $"{new HourlyRollupOptions().SortMemoryMegabytes}MB" : null;
            var cold = await ExplainAsync(statement, workMem, cancellationToken);
            var warm = await ExplainAsync(statement, workMem, cancellationToken);
            output.WriteLine($"\n### {name}\n");
            output.WriteLine(string.Join('\n', warm));
            var scans = warm.Where(l => l.Contains("Seq Scan", StringComparison.Ordinal)).Select(l => SeqScan().Match(l).Value).Distinct().ToList();
            summary.Add($"| {name} | {Time(cold)} | {Time(warm)} | {Buffers(warm)} | {(scans.Count == 0 ? "none" : string.Join(", ", scans))} |");
        }
        output.WriteLine("\n| query | first run ms | second run ms | buffers (second run, top node) | sequential scans |");
        output.WriteLine("|---|---|---|---|---|");
        summary.ForEach(output.WriteLine);
    }

    private static Func<NpgsqlConnection, CancellationToken, Task<NpgsqlCommand>> Plain(string sql, object?[] parameters) => (connection, _) =>
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter is null ? new NpgsqlParameter<string?> { TypedValue = null, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } : new NpgsqlParameter { Value = parameter });
        }
        return Task.FromResult(command);
    };

    /// <summary>The rollups API's read, as <see cref="RollupQueries"/> issues it: the matching series' ids, the edge, then the rows.</summary>
    private static Func<NpgsqlConnection, CancellationToken, Task<NpgsqlCommand>> Rollups(
        RollupSource source, string metric, IReadOnlyDictionary<string, string> labels, (string Name, string Prefix)? prefix, DateTime from, DateTime to) =>
        async (connection, cancellationToken) =>
        {
            var series = await RollupQueries.MatchingAsync(connection, metric, labels, prefix, cancellationToken);
            return await RollupRowsSql.CommandAsync(connection, source, series, from, to, RollupQueries.Columns, minuteBuckets: false, cancellationToken);
        };

    /// <summary>With <paramref name="workMem"/>, the statement runs in a transaction under SET LOCAL work_mem, as the hourly job runs it.</summary>
    private async Task<List<string>> ExplainAsync(Func<NpgsqlConnection, CancellationToken, Task<NpgsqlCommand>> statement, string? workMem, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (workMem is not null)
        {
            await using var set = new NpgsqlCommand($"SET LOCAL work_mem = '{workMem}'", connection);
            await set.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var command = await statement(connection, cancellationToken);
        command.CommandText = "EXPLAIN (ANALYZE, BUFFERS) " + command.CommandText;
        command.CommandTimeout = 0;
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
