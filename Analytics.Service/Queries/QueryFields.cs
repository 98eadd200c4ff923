namespace PerfMonitor.Analytics.Queries;

/// <summary>
/// The parameters an endpoint takes for what narrows a query: its label filter, its range, its step and its limit
/// (null where the endpoint has none), so a refusal names the caller's own parameter.
/// </summary>
public sealed record QueryFields(string? Labels, string? Range, string? Step, string? Limit)
{
    public static readonly QueryFields Rollups = new("labels", "from", "step", null);

    public static readonly QueryFields TimeSeries = new("labels", "hours", "interval", null);

    public static readonly QueryFields Series = new("labels", null, null, "limit");

    public static readonly QueryFields Summary = new("service", "hours", null, null);

    public static readonly QueryFields LateSamples = new(null, "since", null, "limit");

    /// <summary>Prometheus's query API: a PromQL query is narrowed by its own selectors.</summary>
    public static readonly QueryFields PromQL = new("query", "start", "step", null);

    /// <summary>Prometheus's series, labels and label values: narrowed by the match[] selectors.</summary>
    public static readonly QueryFields PromSeries = new("match[]", null, null, null);
}
