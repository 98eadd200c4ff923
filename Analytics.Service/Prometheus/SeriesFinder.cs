using System.Text.Json;
using Npgsql;
using PerfMonitor.PromQL.Model;
using PerfMonitor.PromQL.Storage;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>
/// The stored series that match a PromQL selector's matchers: narrowed in SQL (<see cref="SeriesMatchSql"/>), then
/// every matcher applied to each candidate's labels exactly as Prometheus applies it.
/// </summary>
public static class SeriesFinder
{
    public static async Task<List<StoredSeries>> FindAsync(NpgsqlConnection connection, IReadOnlyList<LabelMatcher> matchers, CancellationToken cancellationToken)
    {
        var (where, parameters) = SeriesMatchSql.Narrowing(matchers);
        await using var command = new NpgsqlCommand(
            $"SELECT s.series_id, s.metric, s.labels::text, s.kind, s.unit, s.temporality FROM perfmon.series s WHERE {where}", connection);
        command.Parameters.AddRange(parameters.ToArray());
        var found = new List<StoredSeries>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var labels = Labels(reader.GetString(1), reader.GetString(2));
            if (matchers.All(m => m.Matches(labels)))
            {
                var temporality = reader.GetString(3) == "counter" && reader.GetString(5) == "delta" ? CounterTemporality.Delta : CounterTemporality.Cumulative;
                found.Add(new StoredSeries(reader.GetInt64(0), labels, reader.GetString(3), reader.GetString(4), temporality));
            }
        }
        return found;
    }

    /// <summary>The metric as <c>__name__</c> and the stored labels (a JSON object of strings).</summary>
    public static LabelSet Labels(string metric, string labelsJson)
    {
        var labels = new List<Label> { new(LabelSet.MetricName, metric) };
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(labelsJson));
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            labels.Add(new Label(name, reader.GetString() ?? ""));
        }
        return LabelSet.From(labels);
    }
}
