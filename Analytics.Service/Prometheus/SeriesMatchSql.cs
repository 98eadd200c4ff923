using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using PerfMonitor.PromQL.Model;

namespace PerfMonitor.Analytics.Prometheus;

/// <summary>
/// Turns PromQL label matchers into conditions on perfmon.series (alias <c>s</c>) that every matching series meets:
/// the metric name by equality (its b-tree), a list of names or a literal prefix; label equalities as one jsonb
/// containment (the GIN index on labels); label regexes that list literal values. Other matchers (negations, general
/// regexes, an equality with the empty string, which also matches a missing label) are left to
/// <see cref="LabelMatcher.Matches(LabelSet)"/> on the rows found, which every series is checked with anyway.
/// </summary>
public static class SeriesMatchSql
{
    public static (string Where, List<NpgsqlParameter> Parameters) Narrowing(IReadOnlyList<LabelMatcher> matchers)
    {
        var conditions = new List<string>();
        var parameters = new List<NpgsqlParameter>();
        var equal = new Dictionary<string, string>(StringComparer.Ordinal);
        string Add(object value, NpgsqlDbType type)
        {
            parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = type });
            return $"${parameters.Count}";
        }
        foreach (var matcher in matchers)
        {
            var isName = matcher.Name == LabelSet.MetricName;
            switch (matcher.Type)
            {
                case LabelMatchType.Equal when isName:
                    conditions.Add($"s.metric = {Add(matcher.Value, NpgsqlDbType.Text)}");
                    break;
                case LabelMatchType.Equal when matcher.Value.Length > 0:
                    equal[matcher.Name] = matcher.Value;
                    break;
                case LabelMatchType.Regex when LiteralRegex.TryAlternatives(matcher.Value, out var values) && !values.Contains(""):
                    conditions.Add(isName
                        ? $"s.metric = ANY({Add(values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})"
                        : $"s.labels ->> {Add(matcher.Name, NpgsqlDbType.Text)} = ANY({Add(values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)})");
                    break;
                case LabelMatchType.Regex when isName && LiteralRegex.Prefix(matcher.Value) is { Length: > 0 } prefix:
                    conditions.Add($"starts_with(s.metric, {Add(prefix, NpgsqlDbType.Text)})");
                    break;
            }
        }
        if (equal.Count > 0)
        {
            conditions.Add($"s.labels @> {Add(JsonSerializer.Serialize(equal), NpgsqlDbType.Jsonb)}");
        }
        return (conditions.Count == 0 ? "true" : string.Join(" AND ", conditions), parameters);
    }
}
