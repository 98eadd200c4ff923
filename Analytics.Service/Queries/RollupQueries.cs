using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PerfMonitor.Analytics.Queries;

/// <summary>
/// Reads rollups merged across every series that matches a metric and label filter. Steps under five minutes read
/// minute rows; from five minutes up, closed hours come from rollups_5m (steps under an hour) or rollups_1h, and the
/// hours not yet rolled up from the minute rows (<see cref="RollupRowsSql"/>).
/// Every query runs under Queries:StatementTimeout, and one that would merge more than Queries:MaxSeries series is refused.
/// </summary>
public sealed class RollupQueries(NpgsqlDataSource dataSource, IOptions<QueryLimits> limits)
{
    public const string Matching = "SELECT series_id FROM perfmon.series WHERE metric = $1 AND labels @> $2::jsonb";

    private static readonly TimeSpan HoursWindow = TimeSpan.FromDays(2);

    private static readonly TimeSpan FiveMinutesWindow = TimeSpan.FromHours(6);

    public Task<RollupResponse> QueryAsync(RollupQuery query, CancellationToken cancellationToken) =>
        QueryTransaction.RunAsync(dataSource, limits.Value.StatementTimeout, async connection =>
        {
            // Counted first: the series decide the cost (a sketch merge per series and bucket), and a refusal reads no rows.
            var series = await CountSeriesAsync(connection, query, cancellationToken);
            if (series > limits.Value.MaxSeries)
            {
                throw QueryTooExpensiveException.TooManySeries(series, limits.Value.MaxSeries);
            }
            var step = query.StepSpan;
            var from = Align(query.From, step);
            var buckets = new SortedDictionary<DateTimeOffset, BucketAccumulator>();
            await ReadRowsAsync(connection, query.Metric, query.Labels, null, from, query.To, RollupSources.ForStep(step), (time, row) =>
            {
                var aligned = Align(time, step);
                if (!buckets.TryGetValue(aligned, out var bucket))
                {
                    buckets[aligned] = bucket = new BucketAccumulator();
                }
                row(bucket);
            }, cancellationToken);
            var points = buckets.Select(b => b.Value.ToPoint(b.Key, step, query.Aggregation)).ToList();
            return new RollupResponse(query.Metric, query.Labels, from, query.To, query.Step, query.Aggregation, series, points);
        }, cancellationToken);

    /// <summary>
    /// The whole window merged into one bucket; <paramref name="labelPrefix"/> further keeps only series whose label
    /// starts with a prefix (status 5xx for error counts). Windows over two days read hours, windows of six hours and
    /// more five minutes: the start moves back to the row's start, which widens the window by under 2%.
    /// </summary>
    public Task<BucketAccumulator> AggregateAsync(
        string metric, IReadOnlyDictionary<string, string> labels, (string Name, string Prefix)? labelPrefix, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        QueryTransaction.RunAsync(dataSource, limits.Value.StatementTimeout, async connection =>
        {
            var total = new BucketAccumulator();
            var window = to - from;
            var source = window > HoursWindow ? RollupSource.Hours : window >= FiveMinutesWindow ? RollupSource.FiveMinutes : RollupSource.Minutes;
            await ReadRowsAsync(connection, metric, labels, labelPrefix, Align(from, source.Width()), to, source, (_, row) => row(total), cancellationToken);
            return total;
        }, cancellationToken);

    private static async Task ReadRowsAsync(
        NpgsqlConnection connection, string metric, IReadOnlyDictionary<string, string> labels, (string Name, string Prefix)? labelPrefix, DateTimeOffset from, DateTimeOffset to,
        RollupSource source, Action<DateTimeOffset, Action<BucketAccumulator>> onRow, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RowsSql(source, labelPrefix is not null), connection);
        command.Parameters.AddWithValue(metric);
        command.Parameters.AddWithValue(JsonSerializer.Serialize(labels));
        command.Parameters.AddWithValue(from.UtcDateTime);
        command.Parameters.AddWithValue(to.UtcDateTime);
        if (labelPrefix is { } prefix)
        {
            command.Parameters.AddWithValue(prefix.Name);
            command.Parameters.AddWithValue(prefix.Prefix + "%");
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (count, sum, min, max, increase) = (reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5));
            var sketch = reader.IsDBNull(6) ? null : (byte[])reader[6];
            onRow(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), bucket => bucket.Add(count, sum, min, max, increase, sketch));
        }
    }

    /// <summary>
    /// Rows of the series matching $1 (metric) and $2 (labels, jsonb) in [$3, $4), $3 aligned to the source's width,
    /// from the tables <see cref="RollupRowsSql"/> picks. With a label prefix, $5 names the label and $6 is the LIKE pattern.
    /// </summary>
    public static string RowsSql(RollupSource source, bool labelPrefix) => RollupRowsSql.For(
        source, labelPrefix ? Matching + " AND labels ->> $5 LIKE $6" : Matching, "r.count, r.sum, r.min, r.max, r.increase, r.sketch", "$3", "$4", minuteBuckets: false);

    private static async Task<int> CountSeriesAsync(NpgsqlConnection connection, RollupQuery query, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*)::int FROM ({Matching}) m", connection);
        command.Parameters.AddWithValue(query.Metric);
        command.Parameters.AddWithValue(JsonSerializer.Serialize(query.Labels));
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static DateTimeOffset Align(DateTimeOffset time, TimeSpan step) =>
        new(time.UtcTicks - time.UtcTicks % step.Ticks, TimeSpan.Zero);
}
