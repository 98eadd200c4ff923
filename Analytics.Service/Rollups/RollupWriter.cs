using System.Collections.Concurrent;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PerfMonitor.Contracts;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// Writes one flush in one transaction: the cells by binary COPY into a session staging table, merged additively
/// into perfmon.rollups_1m, the new series, and the partitions' next offsets, each guarded by the offset this
/// consumer expects to find there.
/// </summary>
public sealed class RollupWriter(NpgsqlDataSource dataSource)
{
    private readonly ConcurrentDictionary<DateOnly, bool> knownDays = new();

    public async Task WriteAsync(MinuteAggregator pending, IReadOnlyDictionary<int, long> expectedOffsets, string group, string topic, CancellationToken cancellationToken)
    {
        await EnsureDayPartitionsAsync(pending.Cells.Keys.Select(k => DateOnly.FromDateTime(DateTime.UnixEpoch.AddMilliseconds(k.MinuteMs))).Distinct(), cancellationToken);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, """
            CREATE TEMP TABLE IF NOT EXISTS rollup_delta (
                series_id bigint, bucket timestamptz, count bigint, sum double precision, min double precision,
                max double precision, last double precision, last_at_ms bigint) ON COMMIT DELETE ROWS
            """, cancellationToken);

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY rollup_delta (series_id, bucket, count, sum, min, max, last, last_at_ms) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var ((seriesId, minuteMs), cell) in pending.Cells)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(seriesId, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(DateTime.UnixEpoch.AddMilliseconds(minuteMs), NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(cell.Count, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(cell.Sum, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(cell.Min, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(cell.Max, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(cell.Last, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(cell.LastAtMs, NpgsqlDbType.Bigint, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }

        await Execute(connection, """
            INSERT INTO perfmon.rollups_1m AS r (series_id, bucket, count, sum, min, max, last, last_at_ms)
            SELECT series_id, bucket, count, sum, min, max, last, last_at_ms FROM rollup_delta
            ON CONFLICT (series_id, bucket) DO UPDATE SET
                count = r.count + excluded.count,
                sum = r.sum + excluded.sum,
                min = least(r.min, excluded.min),
                max = greatest(r.max, excluded.max),
                last = CASE WHEN excluded.last_at_ms >= r.last_at_ms THEN excluded.last ELSE r.last END,
                last_at_ms = greatest(r.last_at_ms, excluded.last_at_ms)
            """, cancellationToken);

        if (pending.NewSeries.Count > 0)
        {
            await using var series = new NpgsqlCommand("""
                INSERT INTO perfmon.series (series_id, metric, labels)
                SELECT * FROM unnest($1::bigint[], $2::text[], $3::jsonb[]) ON CONFLICT (series_id) DO NOTHING
                """, connection);
            var samples = pending.NewSeries.Values.ToList();
            series.Parameters.AddWithValue(samples.Select(s => SeriesId.ToStorage(s.SeriesId)).ToArray());
            series.Parameters.AddWithValue(samples.Select(s => s.Metric).ToArray());
            series.Parameters.Add(new NpgsqlParameter { Value = samples.Select(s => JsonSerializer.Serialize(s.Labels.ToDictionary(l => l.Name, l => l.Value))).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
            await series.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var (partition, nextOffset) in pending.NextOffsets)
        {
            await using var offsets = new NpgsqlCommand("""
                INSERT INTO perfmon.consumer_offsets AS o (consumer_group, topic, partition, next_offset) VALUES ($1, $2, $3, $4)
                ON CONFLICT (consumer_group, topic, partition) DO UPDATE SET next_offset = excluded.next_offset, updated_at = now()
                WHERE o.next_offset = $5
                """, connection);
            offsets.Parameters.AddWithValue(group);
            offsets.Parameters.AddWithValue(topic);
            offsets.Parameters.AddWithValue(partition);
            offsets.Parameters.AddWithValue(nextOffset);
            // -1 never matches a stored offset: a partition this consumer found empty must still be empty.
            offsets.Parameters.AddWithValue(expectedOffsets.TryGetValue(partition, out var expected) ? expected : -1L);
            if (await offsets.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw new OffsetConflictException(partition);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task EnsureDayPartitionsAsync(IEnumerable<DateOnly> days, CancellationToken cancellationToken)
    {
        foreach (var day in days.Where(d => !knownDays.ContainsKey(d)))
        {
            var from = day.ToString("yyyy-MM-dd");
            var to = day.AddDays(1).ToString("yyyy-MM-dd");
            try
            {
                await using var command = dataSource.CreateCommand(
                    $"CREATE TABLE IF NOT EXISTS perfmon.rollups_1m_{day:yyyyMMdd} PARTITION OF perfmon.rollups_1m FOR VALUES FROM ('{from}') TO ('{to}')");
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.UniqueViolation)
            {
                // Another replica created the same day's partition at the same moment.
            }
            knownDays[day] = true;
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
