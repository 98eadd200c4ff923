using System.Text.Json;
using Npgsql;

namespace PerfMonitor.Analytics.Queries;

/// <summary>Reads rollups merged across every series that matches a metric and label filter.</summary>
public sealed class RollupQueries(NpgsqlDataSource dataSource)
{
    public async Task<RollupResponse> QueryAsync(RollupQuery query, CancellationToken cancellationToken)
    {
        var truncate = query.Step == "1h" ? "hour" : "minute";
        await using var command = dataSource.CreateCommand($"""
            WITH matching AS (
                SELECT series_id FROM perfmon.series WHERE metric = $1 AND labels @> $2::jsonb)
            SELECT date_trunc('{truncate}', r.bucket) AS time, sum(r.count)::bigint, sum(r.sum), min(r.min), max(r.max),
                   (SELECT count(*) FROM matching)::int
            FROM perfmon.rollups_1m r JOIN matching USING (series_id)
            WHERE r.bucket >= $3 AND r.bucket < $4
            GROUP BY 1 ORDER BY 1
            """);
        command.Parameters.AddWithValue(query.Metric);
        command.Parameters.AddWithValue(JsonSerializer.Serialize(query.Labels));
        command.Parameters.AddWithValue(query.From.UtcDateTime);
        command.Parameters.AddWithValue(query.To.UtcDateTime);

        var points = new List<RollupPoint>();
        var seriesCount = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var count = reader.GetInt64(1);
            var sum = reader.GetDouble(2);
            var min = reader.GetDouble(3);
            var max = reader.GetDouble(4);
            var avg = count == 0 ? 0 : sum / count;
            seriesCount = reader.GetInt32(5);
            var value = query.Aggregation switch
            {
                "sum" => sum,
                "min" => min,
                "max" => max,
                "count" => count,
                _ => avg,
            };
            points.Add(new RollupPoint(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), count, sum, min, max, avg, value));
        }
        return new RollupResponse(query.Metric, query.Labels, query.From, query.To, query.Step, query.Aggregation, seriesCount, points);
    }
}
