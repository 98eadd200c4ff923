using PerfMonitor.PromQL.Syntax;

namespace PerfMonitor.PromQL.Parsing;

/// <summary>Identifiers with a meaning in PromQL's grammar; none of them can name a metric.</summary>
internal static class Keywords
{
    public static readonly IReadOnlyDictionary<string, AggregationOp> Aggregations = new Dictionary<string, AggregationOp>(StringComparer.OrdinalIgnoreCase)
    {
        ["sum"] = AggregationOp.Sum,
        ["avg"] = AggregationOp.Avg,
        ["min"] = AggregationOp.Min,
        ["max"] = AggregationOp.Max,
        ["count"] = AggregationOp.Count,
        ["group"] = AggregationOp.Group,
        ["stddev"] = AggregationOp.Stddev,
        ["stdvar"] = AggregationOp.Stdvar,
        ["topk"] = AggregationOp.Topk,
        ["bottomk"] = AggregationOp.Bottomk,
        ["quantile"] = AggregationOp.Quantile,
        ["count_values"] = AggregationOp.CountValues,
    };

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "unless", "atan2", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset",
    };

    public static bool CanNameMetric(string identifier) =>
        !Reserved.Contains(identifier) && !Aggregations.ContainsKey(identifier);

    public static bool TakesParameter(this AggregationOp op) =>
        op is AggregationOp.Topk or AggregationOp.Bottomk or AggregationOp.Quantile or AggregationOp.CountValues;
}
