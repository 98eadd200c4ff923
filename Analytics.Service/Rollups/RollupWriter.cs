using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using PerfMonitor.Analytics.Sketches;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// Writes one flush in one transaction: whole minute rows by binary COPY into a session staging table and from there
/// into perfmon.rollups_1m, the new series, counter states, late-sample counts, the hours to roll up again, and the
/// partitions' next offsets and watermarks, each guarded by the offset this consumer expects to find there.
/// Sketches cannot be merged in SQL, so a row is written whole. A row this consumer wrote itself (in
/// <see cref="KnownCells"/>) is overwritten with what it knows plus the new samples, guarded by the stamp it wrote;
/// a row nobody wrote is inserted; any other row (another writer, a restart, a rebalance) is read back under its
/// lock, merged here and rewritten. The row lock, the stamp and the offset guard keep all three exactly-once.
/// </summary>
public sealed class RollupWriter(NpgsqlDataSource dataSource)
{
    /// <summary>The expected stamp of a row this consumer does not know: it proposes the flush's own stamp, which matches no stored row.</summary>
    private const long Unknown = 0;

    // A conflicting row is overwritten only if its stamp is the one expected for it; the rows written are returned.
    // The expected stamp travels as the proposed row's stamp (excluded.stamp) and the row gets this flush's ($1);
    // a row expected to be new proposes $1 itself, which no stored row can have yet.
    private const string Upsert = $"""
        INSERT INTO perfmon.rollups_1m AS r (series_id, bucket, {BucketColumns.Names}, increase, sketch, stamp)
        SELECT series_id, bucket, {BucketColumns.Names}, increase, sketch, CASE WHEN expected_stamp = 0 THEN $1 ELSE expected_stamp END
        FROM rollup_rows
        ON CONFLICT (series_id, bucket) DO UPDATE SET
            count = excluded.count, sum = excluded.sum, min = excluded.min, max = excluded.max, last = excluded.last,
            last_at_ms = excluded.last_at_ms, first = excluded.first, first_at_ms = excluded.first_at_ms, prev_last = excluded.prev_last,
            prev_last_at_ms = excluded.prev_last_at_ms, bucket_increase = excluded.bucket_increase, sum_dt = excluded.sum_dt,
            sum_dt2 = excluded.sum_dt2, sum_dt_v = excluded.sum_dt_v, increase = excluded.increase, sketch = excluded.sketch, stamp = $1
        WHERE r.stamp IS NOT DISTINCT FROM excluded.stamp
        RETURNING r.series_id, r.bucket
        """;

    private readonly ConcurrentDictionary<string, bool> knownPartitions = new();

    /// <summary>A flush that knows no rows: every existing row it touches is read back.</summary>
    public Task<FlushResult> WriteAsync(MinuteAggregator pending, IReadOnlyDictionary<int, long> expectedOffsets, string group, string topic, CancellationToken cancellationToken) =>
        WriteAsync(pending, expectedOffsets, new KnownCells(int.MaxValue), group, topic, cancellationToken);

    /// <summary>
    /// Writes the flush; once it has committed, <paramref name="known"/> holds the rows as written. A known row's sketch
    /// takes the new samples before the write (<see cref="KnownCell.Plus"/>), so a flush that fails leaves
    /// <paramref name="known"/> empty: the next flush reads those rows back.
    /// </summary>
    public async Task<FlushResult> WriteAsync(
        MinuteAggregator pending, IReadOnlyDictionary<int, long> expectedOffsets, KnownCells known, string group, string topic, CancellationToken cancellationToken)
    {
        try
        {
            return await WriteKnowingAsync(pending, expectedOffsets, known, group, topic, cancellationToken);
        }
        catch
        {
            known.Clear();
            throw;
        }
    }

    private async Task<FlushResult> WriteKnowingAsync(
        MinuteAggregator pending, IReadOnlyDictionary<int, long> expectedOffsets, KnownCells known, string group, string topic, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        await EnsurePartitionsAsync(pending.Cells.Keys.Select(k => k.MinuteMs), cancellationToken);
        var stamp = Random.Shared.NextInt64(Unknown + 1, long.MaxValue);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, """
            CREATE TEMP TABLE IF NOT EXISTS rollup_rows (
                series_id bigint, bucket timestamptz, count bigint, sum double precision, min double precision,
                max double precision, last double precision, last_at_ms bigint, first double precision, first_at_ms bigint,
                prev_last double precision, prev_last_at_ms bigint, bucket_increase double precision, sum_dt double precision,
                sum_dt2 double precision, sum_dt_v double precision, increase double precision, sketch bytea, expected_stamp bigint)
                ON COMMIT DELETE ROWS
            """, cancellationToken);

        var next = new Dictionary<(long SeriesId, long MinuteMs), KnownCell>(pending.Cells.Count);
        var expected = new Dictionary<(long SeriesId, long MinuteMs), long?>(pending.Cells.Count);
        foreach (var (key, cell) in pending.Cells)
        {
            var isKnown = known.TryGet(key, out var row);
            next[key] = isKnown ? row.Plus(cell, stamp) : KnownCell.From(cell, stamp);
            expected[key] = isKnown ? row.Stamp : Unknown;
        }
        var written = await UpsertAsync(connection, next, expected, stamp, cancellationToken);
        await Execute(connection, """
            INSERT INTO perfmon.rollup_hours_dirty (hour)
            SELECT DISTINCT date_trunc('hour', bucket, 'UTC') FROM rollup_rows ON CONFLICT DO NOTHING
            """, cancellationToken);

        var readBack = Stopwatch.StartNew();
        var missed = next.Keys.Where(k => !written.Contains(k)).ToList();
        if (missed.Count > 0)
        {
            // Rows written by someone else (or before this consumer knew them): locked by the upsert, read back, merged, rewritten.
            var stored = await ReadStoredAsync(connection, missed, cancellationToken);
            next = next.Where(c => written.Contains(c.Key)).ToDictionary();
            expected.Clear();
            foreach (var key in missed)
            {
                var (row, rowStamp) = stored.TryGetValue(key, out var found) ? found : throw new InvalidOperationException($"Row {key} conflicted but could not be read back.");
                next[key] = row.Plus(pending.Cells[key], stamp);
                expected[key] = rowStamp;
            }
            await Execute(connection, "DELETE FROM rollup_rows", cancellationToken);
            var rewritten = await UpsertAsync(connection, missed.ToDictionary(k => k, k => next[k]), expected, stamp, cancellationToken);
            if (rewritten.Count != missed.Count)
            {
                throw new InvalidOperationException($"{missed.Count - rewritten.Count} locked rows changed under their lock.");
            }
        }
        readBack.Stop();

        await FlushSideTables.WriteSeriesAsync(connection, pending.NewSeries.Values, cancellationToken);
        await FlushSideTables.WriteCounterStatesAsync(connection, pending, cancellationToken);
        await FlushSideTables.WriteLateSamplesAsync(connection, pending, cancellationToken);
        await WriteOffsetsAsync(connection, pending, expectedOffsets, group, topic, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        var dropped = known.Committed(next);
        return new FlushResult(pending.Cells.Count, missed.Count, pending.SampleCount, pending.LateCount, readBack.Elapsed, total.Elapsed, dropped, pending.FutureCount);
    }

    private static async Task<HashSet<(long SeriesId, long MinuteMs)>> UpsertAsync(
        NpgsqlConnection connection, IReadOnlyDictionary<(long SeriesId, long MinuteMs), KnownCell> rows,
        IReadOnlyDictionary<(long SeriesId, long MinuteMs), long?> expected, long stamp, CancellationToken cancellationToken)
    {
        await using (var copy = await connection.BeginBinaryImportAsync(
            $"COPY rollup_rows (series_id, bucket, {BucketColumns.Names}, increase, sketch, expected_stamp) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var ((seriesId, minuteMs), row) in rows)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(seriesId, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(DateTime.UnixEpoch.AddMilliseconds(minuteMs), NpgsqlDbType.TimestampTz, cancellationToken);
                await BucketColumns.WriteAsync(copy, row.Fields, cancellationToken);
                await copy.WriteAsync(row.Increase, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(row.Sketch.Serialize(), NpgsqlDbType.Bytea, cancellationToken);
                if (expected[(seriesId, minuteMs)] is { } rowStamp)
                {
                    await copy.WriteAsync(rowStamp, NpgsqlDbType.Bigint, cancellationToken);
                }
                else
                {
                    await copy.WriteNullAsync(cancellationToken);
                }
            }
            await copy.CompleteAsync(cancellationToken);
        }

        var written = new HashSet<(long SeriesId, long MinuteMs)>(rows.Count);
        await using var upsert = new NpgsqlCommand(Upsert, connection);
        upsert.Parameters.AddWithValue(stamp);
        await using var reader = await upsert.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            written.Add((reader.GetInt64(0), (long)(reader.GetDateTime(1) - DateTime.UnixEpoch).TotalMilliseconds));
        }
        return written;
    }

    private static async Task<Dictionary<(long SeriesId, long MinuteMs), (KnownCell Row, long? Stamp)>> ReadStoredAsync(
        NpgsqlConnection connection, IReadOnlyList<(long SeriesId, long MinuteMs)> keys, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(long, long), (KnownCell, long?)>(keys.Count);
        await using var command = new NpgsqlCommand($"""
            SELECT r.series_id, r.bucket, {BucketColumns.Select("r")}, r.increase, r.sketch, r.stamp
            FROM perfmon.rollups_1m r JOIN unnest($1::bigint[], $2::timestamptz[]) AS k (series_id, bucket) USING (series_id, bucket)
            ORDER BY r.series_id, r.bucket
            FOR UPDATE OF r
            """, connection);
        command.Parameters.AddWithValue(keys.Select(k => k.SeriesId).ToArray());
        command.Parameters.AddWithValue(keys.Select(k => DateTime.UnixEpoch.AddMilliseconds(k.MinuteMs)).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var minuteMs = (long)(reader.GetDateTime(1) - DateTime.UnixEpoch).TotalMilliseconds;
            const int after = 2 + BucketColumns.Count;
            var sketch = reader.IsDBNull(after + 1) ? new DDSketch() : DDSketch.Deserialize((byte[])reader[after + 1]);
            var row = new KnownCell(0, BucketColumns.Read(reader, 2, minuteMs), reader.GetDouble(after), sketch, 0);
            result[(reader.GetInt64(0), minuteMs)] = (row, reader.IsDBNull(after + 2) ? null : reader.GetInt64(after + 2));
        }
        return result;
    }

    public static string KindName(MetricKind kind) => kind switch
    {
        MetricKind.Counter => "counter",
        MetricKind.Histogram => "histogram",
        MetricKind.Summary => "summary",
        _ => "gauge",
    };

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
            await EnsurePartitionAsync(RollupPartitions.FiveMinuteTable(day), cancellationToken);
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
