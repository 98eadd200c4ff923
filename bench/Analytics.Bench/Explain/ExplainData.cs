using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PerfMonitor.Analytics.Rollups;
using PerfMonitor.Analytics.Sketches;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Bench.Explain;

/// <summary>
/// Loads a realistic volume by binary COPY: every series has a minute row (with a sketch) for every minute of the
/// range, five-minute rows that are the exact merge of those minutes for every closed hour (hour by hour, series by
/// series, as the hourly job writes them), hour rows derived alike, about one anomaly per series per 1,000 minutes and
/// a health score per service and minute. Each day's minute and five-minute partition is created and filled in one
/// transaction (no WAL under wal_level minimal, rows frozen), indexed after the load and then attached, which is how
/// a bulk load is done in practice.
/// </summary>
public sealed class ExplainData(BenchDatabase database, IReadOnlyList<BenchSeries> series, DateTime start, DateTime end)
{
    private const int SketchPool = 256;
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);
    private readonly byte[][] sketches = BuildSketches();

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await LoadSeriesAsync(cancellationToken);
        var days = new List<DateOnly>();
        for (var day = DateOnly.FromDateTime(start); day.ToDateTime(TimeOnly.MinValue) < end; day = day.AddDays(1))
        {
            days.Add(day);
        }
        await Parallel.ForEachAsync(days, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, LoadMinuteDayAsync);
        await Parallel.ForEachAsync(days, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, LoadFiveMinuteDayAsync);
        await LoadHoursAsync(cancellationToken);
        await LoadAnomaliesAsync(cancellationToken);
        await LoadHealthScoresAsync(cancellationToken);
        Console.WriteLine("VACUUM ANALYZE ...");
        await database.ExecuteAsync("VACUUM ANALYZE perfmon.series, perfmon.rollups_1m, perfmon.rollups_5m, perfmon.rollups_1h, perfmon.anomalies, perfmon.health_scores", cancellationToken);
    }

    private async Task LoadSeriesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var copy = await connection.BeginBinaryImportAsync("COPY perfmon.series (series_id, metric, labels, kind, unit, first_seen) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var s in series)
        {
            copy.StartRow();
            copy.Write(s.Id, NpgsqlDbType.Bigint);
            copy.Write(s.Metric, NpgsqlDbType.Text);
            copy.Write(JsonSerializer.Serialize(s.LabelMap), NpgsqlDbType.Jsonb);
            copy.Write(RollupWriter.KindName(s.Kind), NpgsqlDbType.Text);
            copy.Write(s.Kind == MetricKind.Histogram ? "ms" : "", NpgsqlDbType.Text);
            copy.Write(start, NpgsqlDbType.TimestampTz);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private ValueTask LoadMinuteDayAsync(DateOnly day, CancellationToken cancellationToken) =>
        LoadDayAsync(RollupPartitions.MinuteTable(day), day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), (copy, from, to) =>
        {
            long rows = 0;
            // Minute by minute, every series: the physical order a live consumer produces.
            for (var minute = Max(from, start); minute < Min(to, end); minute = minute.AddMinutes(1))
            {
                var minuteIndex = (long)(minute - start).TotalMinutes;
                for (var i = 0; i < series.Count; i++)
                {
                    var row = MinuteRow(series[i], i, minuteIndex);
                    WriteRow(copy, series[i].Id, minute, row.Count, row.Sum, row.Min, row.Max, row.Last, row.LastAtMs(minute), row.Increase, sketches[row.Sketch]);
                    rows++;
                }
            }
            return rows;
        }, cancellationToken);

    private ValueTask LoadFiveMinuteDayAsync(DateOnly day, CancellationToken cancellationToken) =>
        LoadDayAsync(RollupPartitions.FiveMinuteTable(day), day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), (copy, from, to) =>
        {
            long rows = 0;
            var pool = sketches.Select(b => DDSketch.Deserialize(b)).ToArray();
            // Closed hours only, hour by hour and series by series: the physical order the hourly job produces.
            for (var hour = Max(from, FirstClosedHour); hour < Min(to, EndOfClosedHours); hour = hour.AddHours(1))
            {
                for (var i = 0; i < series.Count; i++)
                {
                    for (var bucket = hour; bucket < hour.AddHours(1); bucket += FiveMinutes)
                    {
                        WriteFiveMinutes(copy, series[i], i, bucket, pool);
                        rows++;
                    }
                }
            }
            return rows;
        }, cancellationToken);

    /// <summary>The merge of the bucket's five minute rows, exactly as the hourly job derives it.</summary>
    private void WriteFiveMinutes(NpgsqlBinaryImporter copy, BenchSeries s, int index, DateTime bucket, DDSketch[] pool)
    {
        var (count, sum, min, max, increase, sketch) = (0L, 0.0, double.PositiveInfinity, double.NegativeInfinity, 0.0, new DDSketch());
        var last = 0.0;
        var lastAtMs = 0L;
        for (var minute = bucket; minute < bucket + FiveMinutes; minute = minute.AddMinutes(1))
        {
            var row = MinuteRow(s, index, (long)(minute - start).TotalMinutes);
            (count, sum, min, max, increase) = (count + row.Count, sum + row.Sum, Math.Min(min, row.Min), Math.Max(max, row.Max), increase + row.Increase);
            (last, lastAtMs) = (row.Last, row.LastAtMs(minute));
            sketch.Merge(pool[row.Sketch]);
        }
        WriteRow(copy, s.Id, bucket, count, sum, min, max, last, lastAtMs, increase, sketch.Serialize());
    }

    private DateTime FirstClosedHour => start.AddTicks(-(start.Ticks % TimeSpan.TicksPerHour)).AddHours(1);

    private DateTime EndOfClosedHours => end.AddTicks(-(end.Ticks % TimeSpan.TicksPerHour));

    /// <summary>Creates a day partition detached, fills it in the same transaction, then indexes and attaches it.</summary>
    private async ValueTask LoadDayAsync(RollupPartition partition, DateTime from, Func<NpgsqlBinaryImporter, DateTime, DateTime, long> fill, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        long rows;
        await using (var connection = await database.DataSource.OpenConnectionAsync(cancellationToken))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await Execute(connection, $"CREATE TABLE perfmon.{partition.Name} (LIKE perfmon.{partition.Parent} INCLUDING DEFAULTS)", cancellationToken);
            await using (var copy = await connection.BeginBinaryImportAsync(
                $"COPY perfmon.{partition.Name} (series_id, bucket, count, sum, min, max, last, last_at_ms, increase, sketch) FROM STDIN (FORMAT BINARY, FREEZE)", cancellationToken))
            {
                rows = fill(copy, from, from.AddDays(1));
                await copy.CompleteAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            await Execute(connection, $"ALTER TABLE perfmon.{partition.Name} ADD PRIMARY KEY (series_id, bucket)", cancellationToken);
            await Execute(connection, $"ALTER TABLE perfmon.{partition.Parent} ATTACH PARTITION perfmon.{partition.Name} FOR VALUES FROM ('{partition.From:yyyy-MM-dd}') TO ('{partition.To:yyyy-MM-dd}')", cancellationToken);
        }
        Console.WriteLine($"{partition.Name}: {rows:N0} rows in {watch.Elapsed.TotalSeconds:0} s ({rows / watch.Elapsed.TotalSeconds:N0} rows/s with index build)");
    }

    private static BenchMinute MinuteRow(BenchSeries s, int index, long minuteIndex)
    {
        var noise = Hash(index, minuteIndex);
        var count = 10 + (long)(noise % 50);
        var mean = s.Kind == MetricKind.Histogram ? 20 + (noise % 200) : noise % 100;
        return new BenchMinute(count, mean * (ulong)count, mean / 2, mean * 3, mean, s.Kind == MetricKind.Counter ? count : 0.0, (int)(noise % SketchPool));
    }

    private static void WriteRow(
        NpgsqlBinaryImporter copy, long seriesId, DateTime bucket, long count, double sum, double min, double max, double last, long lastAtMs, double increase, byte[] sketch)
    {
        copy.StartRow();
        copy.Write(seriesId, NpgsqlDbType.Bigint);
        copy.Write(bucket, NpgsqlDbType.TimestampTz);
        copy.Write(count, NpgsqlDbType.Bigint);
        copy.Write(sum, NpgsqlDbType.Double);
        copy.Write(min, NpgsqlDbType.Double);
        copy.Write(max, NpgsqlDbType.Double);
        copy.Write(last, NpgsqlDbType.Double);
        copy.Write(lastAtMs, NpgsqlDbType.Bigint);
        copy.Write(increase, NpgsqlDbType.Double);
        copy.Write(sketch, NpgsqlDbType.Bytea);
    }

    private async Task LoadHoursAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        for (var day = DateOnly.FromDateTime(start); day.ToDateTime(TimeOnly.MinValue) < end; day = day.AddMonths(1))
        {
            await RollupPartitions.CreateAsync(database.DataSource, RollupPartitions.HourTable(day), cancellationToken);
        }
        await RollupPartitions.CreateAsync(database.DataSource, RollupPartitions.HourTable(DateOnly.FromDateTime(end)), cancellationToken);
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY perfmon.rollups_1h (series_id, bucket, count, sum, min, max, last, last_at_ms, increase, sketch) FROM STDIN (FORMAT BINARY)", cancellationToken);
        long rows = 0;
        // Closed hours only: the open hour is read from minutes, as the hourly job leaves it.
        for (var hour = FirstClosedHour; hour < EndOfClosedHours; hour = hour.AddHours(1))
        {
            var hourIndex = (long)(hour - start).TotalHours;
            for (var i = 0; i < series.Count; i++)
            {
                var row = MinuteRow(series[i], i, hourIndex * 60);
                WriteRow(copy, series[i].Id, hour, row.Count, row.Sum, row.Min, row.Max, row.Last, row.LastAtMs(hour), row.Increase, sketches[row.Sketch]);
                rows++;
            }
        }
        await copy.CompleteAsync(cancellationToken);
        Console.WriteLine($"rollups_1h: {rows:N0} rows in {watch.Elapsed.TotalSeconds:0} s");
    }

    private async Task LoadAnomaliesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY perfmon.anomalies (id, series_id, metric, labels, bucket, detector, value, expected, lower, upper, score, severity, detected_at) FROM STDIN (FORMAT BINARY)", cancellationToken);
        var minutes = (long)(end - start).TotalMinutes;
        string[] severities = ["info", "warning", "warning", "critical"];
        long rows = 0;
        for (var i = 0; i < series.Count; i++)
        {
            var labels = JsonSerializer.Serialize(series[i].LabelMap);
            for (var m = Hash(i, 0) % 1000; m < (ulong)minutes; m += 1000)
            {
                var bucket = start.AddMinutes(m);
                copy.StartRow();
                copy.Write(Guid.NewGuid(), NpgsqlDbType.Uuid);
                copy.Write(series[i].Id, NpgsqlDbType.Bigint);
                copy.Write(series[i].Metric, NpgsqlDbType.Text);
                copy.Write(labels, NpgsqlDbType.Jsonb);
                copy.Write(bucket, NpgsqlDbType.TimestampTz);
                copy.Write(m % 3 == 0 ? "seasonal" : "mad", NpgsqlDbType.Text);
                copy.Write(500.0, NpgsqlDbType.Double);
                copy.Write(100.0, NpgsqlDbType.Double);
                copy.Write(60.0, NpgsqlDbType.Double);
                copy.Write(140.0, NpgsqlDbType.Double);
                copy.Write(8.5, NpgsqlDbType.Double);
                copy.Write(severities[m % 4], NpgsqlDbType.Text);
                copy.Write(bucket.AddMinutes(3), NpgsqlDbType.TimestampTz);
                rows++;
            }
        }
        await copy.CompleteAsync(cancellationToken);
        Console.WriteLine($"anomalies: {rows:N0} rows");
    }

    private async Task LoadHealthScoresAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY perfmon.health_scores (service, time, score, status, components, recommendations) FROM STDIN (FORMAT BINARY)", cancellationToken);
        var services = Enumerable.Range(0, BenchSeries.Services).Select(BenchSeries.Service).Append("*").ToList();
        const string components = """[{"name":"latency","score":91.5,"weight":0.3,"value":0.93,"detail":"Apdex 0.93 against 300 ms"},{"name":"errors","score":100,"weight":0.25,"value":0.001,"detail":"0.1% errors"}]""";
        long rows = 0;
        for (var time = start; time < end; time = time.AddMinutes(1))
        {
            for (var k = 0; k < services.Count; k++)
            {
                var service = services[k];
                var score = 40 + (double)(Hash(k, time.Ticks) % 60);
                copy.StartRow();
                copy.Write(service, NpgsqlDbType.Text);
                copy.Write(time, NpgsqlDbType.TimestampTz);
                copy.Write(score, NpgsqlDbType.Double);
                copy.Write(score >= 80 ? "excellent" : score >= 60 ? "good" : "fair", NpgsqlDbType.Text);
                copy.Write(components, NpgsqlDbType.Jsonb);
                copy.Write("[]", NpgsqlDbType.Jsonb);
                rows++;
            }
        }
        await copy.CompleteAsync(cancellationToken);
        Console.WriteLine($"health_scores: {rows:N0} rows");
    }

    /// <summary>A few hundred realistic latency sketches (10-60 log-normal values each) to draw rows from.</summary>
    private static byte[][] BuildSketches()
    {
        var random = new Random(7);
        return Enumerable.Range(0, SketchPool)
            .Select(_ => DDSketch.FromValues(Enumerable.Range(0, random.Next(10, 60)).Select(_ => Math.Exp(3 + random.NextDouble() * 3))).Serialize())
            .ToArray();
    }

    private static ulong Hash(long a, long b)
    {
        var x = unchecked(((ulong)a * 0x9E3779B97F4A7C15UL) ^ ((ulong)b * 0xC2B2AE3D27D4EB4FUL));
        x ^= x >> 31;
        x = unchecked(x * 0xBF58476D1CE4E5B9UL);
        return x ^ (x >> 29);
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
