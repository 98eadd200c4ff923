using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Contracts;

namespace PerfMonitor.Analytics.Queries;

/// <summary>
/// Lists series by metric (exact, or prefix with a trailing *) and label filter: at most Queries:MaxSeries of them,
/// under Queries:StatementTimeout.
/// </summary>
public sealed class SeriesQueries(NpgsqlDataSource dataSource, IOptions<QueryLimits> limits)
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
        if (limit > limits.Value.MaxSeries)
        {
            throw QueryTooExpensiveException.LimitTooLarge(limit, limits.Value.MaxSeries);
        }
        return await QueryTransaction.RunAsync(dataSource, limits.Value.StatementTimeout, connection => ReadAsync(connection, metric, labels, limit, cancellationToken), cancellationToken);
    }

    private static async Task<IReadOnlyList<SeriesInfo>> ReadAsync(NpgsqlConnection connection, string? metric, IReadOnlyDictionary<string, string> labels, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ListSql, connection);
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
