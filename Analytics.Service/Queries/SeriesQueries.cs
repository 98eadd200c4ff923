using System.Text.Json;
using Npgsql;
using PerfMonitor.Contracts;

namespace PerfMonitor.Analytics.Queries;

/// <summary>Lists series by metric (exact, or prefix with a trailing *) and label filter.</summary>
public sealed class SeriesQueries(NpgsqlDataSource dataSource)
{
    /// <summary>$1 metric (or prefix*, or null), $2 label filter as jsonb, $3 limit.</summary>
    public const string ListSql = """
        SELECT series_id, metric, labels, kind, unit, first_seen FROM perfmon.series
        WHERE ($1::text IS NULL OR metric = $1 OR (right($1, 1) = '*' AND metric LIKE left($1, -1) || '%'))
          AND labels @> $2::jsonb
        ORDER BY metric, series_id LIMIT $3
        """;

    public async Task<IReadOnlyList<SeriesInfo>> ListAsync(string? metric, IReadOnlyDictionary<string, string> labels, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ListSql);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = metric, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.AddWithValue(JsonSerializer.Serialize(labels));
        command.Parameters.AddWithValue(limit);
        var series = new List<SeriesInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            series.Add(new SeriesInfo(
                SeriesId.FromStorage(reader.GetInt64(0)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                reader.GetString(1),
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(2))!,
                reader.GetString(3),
                reader.GetString(4),
                new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero)));
        }
        return series;
    }
}
