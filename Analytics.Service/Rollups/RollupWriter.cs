using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PerfMonitor.Analytics.Sketches;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// Writes one flush in one transaction: the cells by binary COPY into a session staging table, merged additively
/// into perfmon.rollups_1m, the new series, counter states, late-sample counts, the hours to roll up again, and
/// the partitions' next offsets and watermarks, each guarded by the offset this consumer expects to find there.
/// Sketches cannot be merged in SQL, so the rows this flush touches are read first under FOR UPDATE, merged
/// here, and written whole: the lock and the offset guard keep that read-modify-write exactly-once.
/// </summary>
public sealed class RollupWriter(NpgsqlDataSource dataSource)
{
    private readonly ConcurrentDictionary<string, bool> knownPartitions = new();

    public async Task<FlushResult> WriteAsync(MinuteAggregator pending, IReadOnlyDictionary<int, long> expectedOffsets, string group, string topic, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        await EnsurePartitionsAsync(pending.Cells.Keys.Select(k => k.MinuteMs), cancellationToken);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, """
            CREATE TEMP TABLE IF NOT EXISTS rollup_delta (
                series_id bigint, bucket timestamptz, count bigint, sum double precision, min double precision,
                max double precision, last double precision, last_at_ms bigint, increase double precision, sketch bytea)
                ON COMMIT DELETE ROWS
            """, cancellationToken);

        var sketchRead = Stopwatch.StartNew();
        var existing = await ReadExistingSketchesAsync(connection, pending, cancellationToken);
        sketchRead.Stop();

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY rollup_delta (series_id, bucket, count, sum, min, max, last, last_at_ms, increase, sketch) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var ((seriesId, minuteMs), cell) in pending.Cells)
            {
                var sketch = cell.Sketch;
                if (existing.TryGetValue((seriesId, minuteMs), out var stored))
                {
                    sketch = sketch.Clone();
                    sketch.Merge(stored);
                }
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(seriesId, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(DateTime.UnixEpoch.AddMilliseconds(minuteMs), NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(cell.Count, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(cell.Sum, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(cell.Min, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(cell.Max, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(cell.Last, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(cell.LastAtMs, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(cell.Increase, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(sketch.Serialize(), NpgsqlDbType.Bytea, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }

        await Execute(connection, """
            INSERT INTO perfmon.rollups_1m AS r (series_id, bucket, count, sum, min, max, last, last_at_ms, increase, sketch)
            SELECT series_id, bucket, count, sum, min, max, last, last_at_ms, increase, sketch FROM rollup_delta
            ON CONFLICT (series_id, bucket) DO UPDATE SET
                count = r.count + excluded.count,
                sum = r.sum + excluded.sum,
                min = least(r.min, excluded.min),
                max = greatest(r.max, excluded.max),
                last = CASE WHEN excluded.last_at_ms >= r.last_at_ms THEN excluded.last ELSE r.last END,
                last_at_ms = greatest(r.last_at_ms, excluded.last_at_ms),
                increase = r.increase + excluded.increase,
                sketch = excluded.sketch
            """, cancellationToken);
        await Execute(connection, """
            INSERT INTO perfmon.rollup_hours_dirty (hour)
            SELECT DISTINCT date_trunc('hour', bucket) FROM rollup_delta ON CONFLICT DO NOTHING
            """, cancellationToken);

        await WriteSeriesAsync(connection, pending.NewSeries.Values, cancellationToken);
        await WriteCounterStatesAsync(connection, pending, cancellationToken);
        await WriteLateSamplesAsync(connection, pending, cancellationToken);
        await WriteOffsetsAsync(connection, pending, expectedOffsets, group, topic, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return new FlushResult(pending.Cells.Count, existing.Count, pending.SampleCount, pending.LateCount, sketchRead.Elapsed, total.Elapsed);
    }

    private static async Task<Dictionary<(long, long), DDSketch>> ReadExistingSketchesAsync(NpgsqlConnection connection, MinuteAggregator pending, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(long, long), DDSketch>();
        if (pending.Cells.Count == 0)
        {
            return result;
        }
        await using var command = new NpgsqlCommand("""
            SELECT r.series_id, r.bucket, r.sketch
            FROM perfmon.rollups_1m r JOIN unnest($1::bigint[], $2::timestamptz[]) AS k (series_id, bucket) USING (series_id, bucket)
            ORDER BY r.series_id, r.bucket
            FOR UPDATE OF r
            """, connection);
        command.Parameters.AddWithValue(pending.Cells.Keys.Select(k => k.SeriesId).ToArray());
        command.Parameters.AddWithValue(pending.Cells.Keys.Select(k => DateTime.UnixEpoch.AddMilliseconds(k.MinuteMs)).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var minuteMs = (long)(reader.GetDateTime(1) - DateTime.UnixEpoch).TotalMilliseconds;
            var sketch = reader.IsDBNull(2) ? new DDSketch() : DDSketch.Deserialize((byte[])reader[2]);
            result[(reader.GetInt64(0), minuteMs)] = sketch;
        }
        return result;
    }

    private static async Task WriteSeriesAsync(NpgsqlConnection connection, ICollection<Sample> samples, CancellationToken cancellationToken)
    {
        if (samples.Count == 0)
        {
            return;
        }
        await using var series = new NpgsqlCommand("""
            INSERT INTO perfmon.series (series_id, metric, labels, kind, unit)
            SELECT * FROM unnest($1::bigint[], $2::text[], $3::jsonb[], $4::text[], $5::text[]) ON CONFLICT (series_id) DO NOTHING
            """, connection);
        series.Parameters.AddWithValue(samples.Select(s => SeriesId.ToStorage(s.SeriesId)).ToArray());
        series.Parameters.AddWithValue(samples.Select(s => s.Metric).ToArray());
        series.Parameters.Add(new NpgsqlParameter { Value = samples.Select(s => JsonSerializer.Serialize(s.Labels.ToDictionary(l => l.Name, l => l.Value))).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        series.Parameters.AddWithValue(samples.Select(s => KindName(s.Kind)).ToArray());
        series.Parameters.AddWithValue(samples.Select(s => s.Unit ?? "").ToArray());
        await series.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string KindName(MetricKind kind) => kind switch
    {
        MetricKind.Counter => "counter",
        MetricKind.Histogram => "histogram",
        MetricKind.Summary => "summary",
        _ => "gauge",
    };

    private static async Task WriteCounterStatesAsync(NpgsqlConnection connection, MinuteAggregator pending, CancellationToken cancellationToken)
    {
        if (pending.CounterUpdates.Count == 0)
        {
            return;
        }
        await using var command = new NpgsqlCommand("""
            INSERT INTO perfmon.counter_state AS c (series_id, partition, last_ms, last_value)
            SELECT * FROM unnest($1::bigint[], $2::int[], $3::bigint[], $4::double precision[])
            ON CONFLICT (series_id) DO UPDATE SET partition = excluded.partition, last_ms = excluded.last_ms, last_value = excluded.last_value
            """, connection);
        var updates = pending.CounterUpdates.ToList();
        command.Parameters.AddWithValue(updates.Select(u => u.Key).ToArray());
        command.Parameters.AddWithValue(updates.Select(u => u.Value.Partition).ToArray());
        command.Parameters.AddWithValue(updates.Select(u => u.Value.Point.TimestampMs).ToArray());
        command.Parameters.AddWithValue(updates.Select(u => u.Value.Point.Value).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteLateSamplesAsync(NpgsqlConnection connection, MinuteAggregator pending, CancellationToken cancellationToken)
    {
        if (pending.Late.Count == 0)
        {
            return;
        }
        await using var command = new NpgsqlCommand("""
            INSERT INTO perfmon.late_samples AS l (series_id, bucket, count)
            SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::bigint[])
            ON CONFLICT (series_id, bucket) DO UPDATE SET count = l.count + excluded.count, last_seen = now()
            """, connection);
        var late = pending.Late.ToList();
        command.Parameters.AddWithValue(late.Select(l => l.Key.SeriesId).ToArray());
        command.Parameters.AddWithValue(late.Select(l => DateTime.UnixEpoch.AddMilliseconds(l.Key.MinuteMs)).ToArray());
        command.Parameters.AddWithValue(late.Select(l => l.Value).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteOffsetsAsync(NpgsqlConnection connection, MinuteAggregator pending, IReadOnlyDictionary<int, long> expectedOffsets, string group, string topic, CancellationToken cancellationToken)
    {
        foreach (var (partition, nextOffset) in pending.NextOffsets)
        {
            await using var offsets = new NpgsqlCommand("""
                INSERT INTO perfmon.consumer_offsets AS o (consumer_group, topic, partition, next_offset, watermark_ms) VALUES ($1, $2, $3, $4, $6)
                ON CONFLICT (consumer_group, topic, partition) DO UPDATE SET next_offset = excluded.next_offset, watermark_ms = excluded.watermark_ms, updated_at = now()
                WHERE o.next_offset = $5
                """, connection);
            offsets.Parameters.AddWithValue(group);
            offsets.Parameters.AddWithValue(topic);
            offsets.Parameters.AddWithValue(partition);
            offsets.Parameters.AddWithValue(nextOffset);
            // -1 never matches a stored offset: a partition this consumer found empty must still be empty.
            offsets.Parameters.AddWithValue(expectedOffsets.TryGetValue(partition, out var expected) ? expected : -1L);
            offsets.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = pending.Watermarks.TryGetValue(partition, out var mark) ? mark : null, NpgsqlDbType = NpgsqlDbType.Bigint });
            if (await offsets.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new OffsetConflictException(partition);
            }
        }
    }

    private async Task EnsurePartitionsAsync(IEnumerable<long> minutes, CancellationToken cancellationToken)
    {
        foreach (var day in minutes.Select(m => DateOnly.FromDateTime(DateTime.UnixEpoch.AddMilliseconds(m))).Distinct())
        {
            await EnsurePartitionAsync(RollupPartitions.MinuteTable(day), cancellationToken);
            await EnsurePartitionAsync(RollupPartitions.HourTable(day), cancellationToken);
        }
    }

    private async Task EnsurePartitionAsync(RollupPartition partition, CancellationToken cancellationToken)
    {
        if (knownPartitions.ContainsKey(partition.Name))
        {
            return;
        }
        await RollupPartitions.CreateAsync(dataSource, partition, cancellationToken);
        knownPartitions[partition.Name] = true;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
