using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using PerfMonitor.Analytics.Queries;
using PerfMonitor.PromQL.Model;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>
/// Series, label names, label values and metric metadata for Prometheus's API, under Queries:StatementTimeout; a
/// listing by selectors may return at most Queries:MaxSeries series. PerfMonitor keeps no time index of its series
/// (when a series last had a sample), so these list every stored series whatever the time range asked for.
/// </summary>
public sealed class SeriesCatalog(NpgsqlDataSource dataSource, IOptions<QueryLimits> limits)
{
    /// <summary>Every series any of the selectors matches, each once, ordered by labels.</summary>
    public Task<List<StoredSeries>> SeriesAsync(IReadOnlyList<IReadOnlyList<LabelMatcher>> selectors, CancellationToken cancellationToken) =>
        RunAsync(connection => FindAsync(connection, selectors, cancellationToken), cancellationToken);

    public Task<List<string>> LabelNamesAsync(IReadOnlyList<IReadOnlyList<LabelMatcher>> selectors, CancellationToken cancellationToken) =>
        RunAsync(async connection =>
        {
            if (selectors.Count > 0)
            {
                var series = await FindAsync(connection, selectors, cancellationToken);
                return Sorted(series.SelectMany(s => s.Labels.ToDictionary().Keys));
            }
            var names = await ListAsync(connection, "SELECT DISTINCT jsonb_object_keys(labels) FROM perfmon.series", null, cancellationToken);
            var any = await ListAsync(connection, "SELECT metric FROM perfmon.series LIMIT 1", null, cancellationToken);
            return Sorted(any.Count > 0 ? names.Append(LabelSet.MetricName) : names);
        }, cancellationToken);

    public Task<List<string>> LabelValuesAsync(string name, IReadOnlyList<IReadOnlyList<LabelMatcher>> selectors, CancellationToken cancellationToken) =>
        RunAsync(async connection =>
        {
            if (selectors.Count > 0)
            {
                var series = await FindAsync(connection, selectors, cancellationToken);
                return Sorted(series.Select(s => s.Labels.Get(name)).OfType<string>());
            }
            return Sorted(name == LabelSet.MetricName
                ? await ListAsync(connection, "SELECT DISTINCT metric FROM perfmon.series", null, cancellationToken)
                : await ListAsync(connection, "SELECT DISTINCT labels ->> $1 FROM perfmon.series WHERE labels ? $1", name, cancellationToken));
        }, cancellationToken);

    /// <summary>Each metric's distinct types and units, at most <paramref name="limit"/> metrics (null or negative: all).</summary>
    public Task<SortedDictionary<string, List<MetricMetadata>>> MetadataAsync(string? metric, int? limit, CancellationToken cancellationToken) =>
        RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT DISTINCT metric, kind, unit FROM perfmon.series WHERE ($1::text IS NULL OR metric = $1) ORDER BY metric, kind, unit", connection);
            command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = metric, NpgsqlDbType = NpgsqlDbType.Text });
            var metadata = new SortedDictionary<string, List<MetricMetadata>>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var name = reader.GetString(0);
                if (!metadata.TryGetValue(name, out var entries))
                {
                    if (limit is >= 0 && metadata.Count >= limit)
                    {
                        break;
                    }
                    metadata[name] = entries = [];
                }
                entries.Add(new MetricMetadata(reader.GetString(1), "", reader.GetString(2)));
            }
            return metadata;
        }, cancellationToken);

    private async Task<List<StoredSeries>> FindAsync(
        NpgsqlConnection connection, IReadOnlyList<IReadOnlyList<LabelMatcher>> selectors, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, StoredSeries>();
        foreach (var matchers in selectors)
        {
            foreach (var series in await SeriesFinder.FindAsync(connection, matchers, cancellationToken))
            {
                found.TryAdd(series.Id, series);
            }
            if (found.Count > limits.Value.MaxSeries)
            {
                throw QueryTooExpensiveException.TooManySeries(found.Count, limits.Value.MaxSeries);
            }
        }
        return [.. found.Values.OrderBy(s => s.Labels.ToString(), StringComparer.Ordinal)];
    }

    private static async Task<List<string>> ListAsync(NpgsqlConnection connection, string sql, string? name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (name is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = name, NpgsqlDbType = NpgsqlDbType.Text });
        }
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    private static List<string> Sorted(IEnumerable<string> values) => [.. values.Where(v => v.Length > 0).Distinct().Order(StringComparer.Ordinal)];

    private Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> query, CancellationToken cancellationToken) =>
        QueryTransaction.RunAsync(dataSource, limits.Value.StatementTimeout, query, cancellationToken);
}
