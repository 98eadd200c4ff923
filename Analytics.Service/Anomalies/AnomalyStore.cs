using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PerfMonitor.Contracts;

namespace PerfMonitor.Analytics.Anomalies;

/// <summary>perfmon.anomalies: inserts are idempotent per (series, minute, detector), so a replay publishes nothing twice.</summary>
public sealed class AnomalyStore(NpgsqlDataSource dataSource)
{
    public static readonly string[] Severities = ["info", "warning", "critical"];

    /// <summary>Stores the anomalies and returns those that were new.</summary>
    public async Task<IReadOnlyList<AnomalyRecord>> InsertAsync(IReadOnlyList<AnomalyRecord> anomalies, CancellationToken cancellationToken)
    {
        if (anomalies.Count == 0)
        {
            return [];
        }
        await using var command = dataSource.CreateCommand("""
            INSERT INTO perfmon.anomalies (id, series_id, metric, labels, bucket, detector, value, expected, lower, upper, score, severity)
            SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::jsonb[], $5::timestamptz[], $6::text[], $7::float8[], $8::float8[], $9::float8[], $10::float8[], $11::float8[], $12::text[])
            ON CONFLICT (series_id, bucket, detector) DO NOTHING
            RETURNING id
            """);
        command.Parameters.AddWithValue(anomalies.Select(a => a.Id).ToArray());
        command.Parameters.AddWithValue(anomalies.Select(a => SeriesId.ToStorage(ulong.Parse(a.SeriesId, System.Globalization.CultureInfo.InvariantCulture))).ToArray());
        command.Parameters.AddWithValue(anomalies.Select(a => a.Metric).ToArray());
        command.Parameters.Add(new NpgsqlParameter { Value = anomalies.Select(a => JsonSerializer.Serialize(a.Labels)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.AddWithValue(anomalies.Select(a => a.Time.UtcDateTime).ToArray());
        command.Parameters.AddWithValue(anomalies.Select(a => a.Detector).ToArray());
        command.Parameters.AddWithValue(anomalies.Select(a => a.Value).ToArray());
        command.Parameters.AddWithValue(anomalies.Select(a => a.Expected).ToArray());
        command.Parameters.AddWithValue(anomalies.Select(a => a.Lower).ToArray());
        command.Parameters.AddWithValue(anomalies.Select(a => a.Upper).ToArray());
        command.Parameters.AddWithValue(anomalies.Select(a => a.Score).ToArray());
        command.Parameters.AddWithValue(anomalies.Select(a => a.Severity).ToArray());
        var inserted = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            inserted.Add(reader.GetGuid(0));
        }
        return anomalies.Where(a => inserted.Contains(a.Id)).ToList();
    }

    /// <summary>$1 metric or null, $2 label filter (jsonb), [$3, $4) time range, $5 severities, $6 limit.</summary>
    public const string ListSql = """
        SELECT id, series_id, metric, labels, bucket, detector, value, expected, lower, upper, score, severity
        FROM perfmon.anomalies
        WHERE ($1::text IS NULL OR metric = $1) AND labels @> $2::jsonb AND bucket >= $3 AND bucket < $4 AND severity = ANY($5)
        ORDER BY bucket DESC, series_id LIMIT $6
        """;

    /// <summary>$1 the label, $2 the window's start.</summary>
    public const string CountByLabelSql = "SELECT labels ->> $1, count(*) FROM perfmon.anomalies WHERE bucket >= $2 AND labels ->> $1 IS NOT NULL GROUP BY 1";

    public async Task<IReadOnlyList<AnomalyRecord>> ListAsync(
        string? metric, IReadOnlyDictionary<string, string> labels, DateTimeOffset from, DateTimeOffset to, string minimumSeverity, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = metric, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.AddWithValue(JsonSerializer.Serialize(labels));
        command.Parameters.AddWithValue(from.UtcDateTime);
        command.Parameters.AddWithValue(to.UtcDateTime);
        command.Parameters.AddWithValue(Severities.SkipWhile(s => s != minimumSeverity).ToArray());
        command.Parameters.AddWithValue(limit);
        var anomalies = new List<AnomalyRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            anomalies.Add(new AnomalyRecord(
                reader.GetGuid(0),
                SeriesId.FromStorage(reader.GetInt64(1)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                reader.GetString(2),
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(3))!,
                new DateTimeOffset(reader.GetDateTime(4), TimeSpan.Zero),
                reader.GetString(5), reader.GetDouble(6), reader.GetDouble(7), reader.GetDouble(8), reader.GetDouble(9), reader.GetDouble(10), reader.GetString(11)));
        }
        return anomalies;
    }

    /// <summary>Anomalous minutes per service label in a window: the health score's anomaly component.</summary>
    public async Task<Dictionary<string, long>> CountByLabelAsync(string label, DateTimeOffset from, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CountByLabelSql);
        command.Parameters.AddWithValue(label);
        command.Parameters.AddWithValue(from.UtcDateTime);
        var counts = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }
        return counts;
    }
}
