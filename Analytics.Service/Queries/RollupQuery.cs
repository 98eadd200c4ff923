namespace PerfMonitor.Analytics.Queries;

/// <summary>A validated rollup query: which series, which range, which bucket width and aggregation.</summary>
public sealed record RollupQuery(string Metric, IReadOnlyDictionary<string, string> Labels, DateTimeOffset From, DateTimeOffset To, string Step, string Aggregation)
{
    public TimeSpan StepSpan => Steps.Parse(Step);
}
