using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PerfMonitor.Contracts;
using PerfMonitor.Contracts.V1;

namespace PerfMonitor.Analytics.Rollups;

/// <summary>
/// What a flush writes beside the minute rows, in the same transaction: the series seen for the first time (with their
/// kind, unit and counter temporality), running totals' last values, and late-sample counts.
/// </summary>
public static class FlushSideTables
{
    public static async Task WriteSeriesAsync(NpgsqlConnection connection, ICollection<Sample> samples, CancellationToken cancellationToken)
    {
        if (samples.Count == 0)
        {
            return;
        }
        await using var series = new NpgsqlCommand("""
            INSERT INTO perfmon.series (series_id, metric, labels, kind, unit, temporality)
            SELECT * FROM unnest($1::bigint[], $2::text[], $3::jsonb[], $4::text[], $5::text[], $6::text[]) ON CONFLICT (series_id) DO NOTHING
            """, connection);
        series.Parameters.AddWithValue(samples.Select(s => SeriesId.ToStorage(s.SeriesId)).ToArray());
        series.Parameters.AddWithValue(samples.Select(s => s.Metric).ToArray());
        series.Parameters.Add(new NpgsqlParameter { Value = samples.Select(s => JsonSerializer.Serialize(s.Labels.ToDictionary(l => l.Name, l => l.Value))).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        series.Parameters.AddWithValue(samples.Select(s => RollupWriter.KindName(s.Kind)).ToArray());
        series.Parameters.AddWithValue(samples.Select(s => s.Unit ?? "").ToArray());
        series.Parameters.AddWithValue(samples.Select(s => TemporalityName(s.Temporality)).ToArray());
        await series.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The series' temporality as perfmon.series stores it: unset means a running total.</summary>
    public static string TemporalityName(Temporality temporality) => temporality == Temporality.Delta ? "delta" : "cumulative";

    public static async Task WriteCounterStatesAsync(NpgsqlConnection connection, MinuteAggregator pending, CancellationToken cancellationToken)
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

    public static async Task WriteLateSamplesAsync(NpgsqlConnection connection, MinuteAggregator pending, CancellationToken cancellationToken)
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
}
