using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;

namespace PerfMonitor.Analytics.Queries;

/// <summary>
/// Reads rollups merged across every series that matches a metric and label filter. Steps under five minutes read
/// minute rows; from five minutes up, closed hours come from rollups_5m (steps under an hour) or rollups_1h, and the
/// hours not yet rolled up from the minute rows (<see cref="RollupRowsSql"/>). The matching series are found first and
/// the rows read for their ids, so the planner sees how many series the read covers.
/// Every query runs under Queries:StatementTimeout, and one that would merge more than Queries:MaxSeries series is refused.
/// </summary>
public sealed class RollupQueries(NpgsqlDataSource dataSource, IOptions<QueryLimits> limits)
{
    /// <summary>The series of metric $1 whose labels contain $2 (jsonb); with a label prefix, $3 names the label and $4 is the LIKE pattern.</summary>
    public const string MatchingSql = "SELECT series_id FROM perfmon.series WHERE metric = $1 AND labels @> $2::jsonb";

    public const string PrefixCondition = " AND labels ->> $3 LIKE $4";

    /// <summary>The columns every rollup read takes, after the bucket.</summary>
    public const string Columns = "r.count, r.sum, r.min, r.max, r.increase, r.sketch";

    private static readonly TimeSpan HoursWindow = TimeSpan.FromDays(2);

    private static readonly TimeSpan FiveMinutesWindow = TimeSpan.FromHours(6);

    public Task<RollupResponse> QueryAsync(RollupQuery query, CancellationToken cancellationToken) =>
        QueryTransaction.RunAsync(dataSource, limits.Value.StatementTimeout, async connection =>
        {
            // Found first: the series decide the cost (a sketch merge per series and bucket), and a refusal reads no rows.
            var series = await MatchingAsync(connection, query.Metric, query.Labels, null, cancellationToken);
            if (series.Length > limits.Value.MaxSeries)
            {
                throw QueryTooExpensiveException.TooManySeries(series.Length, limits.Value.MaxSeries);
            }
            var step = query.StepSpan;
            var from = Align(query.From, step);
            var buckets = new SortedDictionary<DateTimeOffset, BucketAccumulator>();
            await ReadRowsAsync(connection, series, from, query.To, RollupSources.ForStep(step), (time, row) =>
            {
                var aligned = Align(time, step);
                if (!buckets.TryGetValue(aligned, out var bucket))
                {
                    buckets[aligned] = bucket = new BucketAccumulator();
                }
                row(bucket);
            }, cancellationToken);
            var points = buckets.Select(b => b.Value.ToPoint(b.Key, step, query.Aggregation)).ToList();
            return new RollupResponse(query.Metric, query.Labels, from, query.To, query.Step, query.Aggregation, series.Length, points);
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
            var series = await MatchingAsync(connection, metric, labels, labelPrefix, cancellationToken);
            await ReadRowsAsync(connection, series, Align(from, source.Width()), to, source, (_, row) => row(total), cancellationToken);
            return total;
        }, cancellationToken);

    /// <summary>The ids of the series <see cref="MatchingSql"/> finds, with <see cref="PrefixCondition"/> when a label prefix is given.</summary>
    public static async Task<long[]> MatchingAsync(
        NpgsqlConnection connection, string metric, IReadOnlyDictionary<string, string> labels, (string Name, string Prefix)? labelPrefix, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(labelPrefix is null ? MatchingSql : MatchingSql + PrefixCondition, connection);
        command.Parameters.AddWithValue(metric);
        command.Parameters.AddWithValue(JsonSerializer.Serialize(labels));
        if (labelPrefix is { } prefix)
        {
            command.Parameters.AddWithValue(prefix.Name);
            command.Parameters.AddWithValue(prefix.Prefix + "%");
        }
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }
        return [.. ids];
    }

    private static async Task ReadRowsAsync(
        NpgsqlConnection connection, long[] series, DateTimeOffset from, DateTimeOffset to, RollupSource source, Action<DateTimeOffset, Action<BucketAccumulator>> onRow, CancellationToken cancellationToken)
    {
        if (series.Length == 0)
        {
            return;
        }
        await using var command = await RollupRowsSql.CommandAsync(connection, source, series, from.UtcDateTime, to.UtcDateTime, Columns, minuteBuckets: false, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var (count, sum, min, max, increase) = (reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetDouble(5));
            var sketch = reader.IsDBNull(6) ? null : (byte[])reader[6];
            onRow(new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), bucket => bucket.Add(count, sum, min, max, increase, sketch));
        }
    }

    public static DateTimeOffset Align(DateTimeOffset time, TimeSpan step) =>
        new(time.UtcTicks - time.UtcTicks % step.Ticks, TimeSpan.Zero);
}
