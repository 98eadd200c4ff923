using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfMonitor.Contracts;

namespace PerfMonitor.Analytics.Queries;

/// <summary>The late-sample counts since a time, under Queries:StatementTimeout.</summary>
public sealed class LateSampleQueries(NpgsqlDataSource dataSource, IOptions<QueryLimits> limits)
{
    public Task<LateSamplesResponse> ListAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken) =>
        QueryTransaction.RunAsync(dataSource, limits.Value.StatementTimeout, connection => ReadAsync(connection, since, limit, cancellationToken), cancellationToken);

    private static async Task<LateSamplesResponse> ReadAsync(NpgsqlConnection connection, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT l.series_id, coalesce(s.metric, ''), coalesce(s.labels, '{}'::jsonb), l.bucket, l.count, l.last_seen, sum(l.count) OVER ()::bigint
            FROM perfmon.late_samples l LEFT JOIN perfmon.series s USING (series_id)
            WHERE l.last_seen >= $1 ORDER BY l.last_seen DESC LIMIT $2
            """, connection);
        command.Parameters.AddWithValue(since.UtcDateTime);
        command.Parameters.AddWithValue(limit);
        var rows = new List<LateSampleRow>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new LateSampleRow(
                SeriesId.FromStorage(reader.GetInt64(0)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                reader.GetString(1),
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(2))!,
                new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero),
                reader.GetInt64(4),
                new DateTimeOffset(reader.GetDateTime(5), TimeSpan.Zero)));
            total = reader.GetInt64(6);
        }
        return new LateSamplesResponse(since, total, rows);
    }
}
